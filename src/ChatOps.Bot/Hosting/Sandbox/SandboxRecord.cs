using System.Diagnostics;
using System.Text.Json.Serialization;
using ChatOps.Bot.Infrastructure.Storage;

namespace ChatOps.Bot.Hosting.Sandbox;

/// <summary>
/// What the process serving the sandbox leaves in the data folder so a second terminal can join it: the loopback
/// port, its process id and the bearer token the port demands. Readable by its owner only (0600): the token is the
/// only thing between another local user and the sandbox cluster.
/// </summary>
public sealed record SandboxRecord(
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("token")] string Token)
{
    public const string FileName = "sandbox.json";

    /// <summary>The record in <paramref name="folder"/>, or null when there is none or it cannot be read.</summary>
    public static SandboxRecord? Read(string folder)
    {
        try
        {
            return JsonSerializer.Deserialize<SandboxRecord>(File.ReadAllText(Path.Combine(folder, FileName)));
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Written whole and owner-only, so a reader never sees half a record and no other user sees the token.</summary>
    public void Write(string folder) => OwnerOnlyFile.Write(Path.Combine(folder, FileName), JsonSerializer.Serialize(this), overwrite: true);

    /// <summary>Whether the process that wrote the record still runs (a reused pid is caught by the token check).</summary>
    public bool OwnerRuns()
    {
        try
        {
            using var process = Process.GetProcessById(Pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
