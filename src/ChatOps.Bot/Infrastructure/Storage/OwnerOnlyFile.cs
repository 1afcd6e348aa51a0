namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>
/// Writes a secret beside the store (the chain key, the sandbox token) readable by its owner only (0600 where the
/// platform has modes), whole under a temporary name and then moved into place, so a reader never sees half a file.
/// </summary>
internal static class OwnerOnlyFile
{
    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/>. Without <paramref name="overwrite"/> a file another
    /// process put there first wins: the call leaves it as it is and answers false.
    /// </summary>
    public static bool Write(string path, string text, bool overwrite)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(new FileStream(temporary, options)))
        {
            writer.Write(text);
        }

        try
        {
            File.Move(temporary, path, overwrite);
            return true;
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }
}
