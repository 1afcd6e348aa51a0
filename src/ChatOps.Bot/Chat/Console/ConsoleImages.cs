namespace ChatOps.Bot.Chat.Console;

/// <summary>
/// A terminal shows no pictures: each image of an answer is written as a file into the data folder and the answer
/// names its path, so the chart can be opened beside the text.
/// </summary>
public static class ConsoleImages
{
    public static async Task<IReadOnlyList<string>> SaveAsync(IReadOnlyList<ResultImage> images, string folder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var paths = new List<string>();
        if (images.Count == 0)
        {
            return paths;
        }

        Directory.CreateDirectory(folder);
        foreach (var image in images)
        {
            var path = Path.Combine(folder, $"{now:yyyyMMdd-HHmmss}-{SafeName(image.FileName)}");
            await File.WriteAllBytesAsync(path, image.Content, cancellationToken);
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>The handler names the file, but a name never chooses the folder: only letters, digits, '-', '_' and '.' remain.</summary>
    public static string SafeName(string fileName)
    {
        var name = new string([.. Path.GetFileName(fileName).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]).TrimStart('.');
        return name.Length == 0 ? "image.png" : name;
    }
}
