using ChatOps.Bot.Infrastructure.Vault;

namespace ChatOps.Bot.Hosting;

/// <summary>Turns start-up failures into one line that names what to fix, and a non-zero exit code.</summary>
public static class StartupGuard
{
    public static async Task<int> RunAsync(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"configuration error: {string.Join("; ", ex.Failures)}");
            return 2;
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"configuration error: {ex.Message}");
            return 2;
        }
        catch (AuditStoreUnavailableException ex)
        {
            await Console.Error.WriteLineAsync($"audit store unavailable at start-up: {ex.Message}");
            return 3;
        }
        catch (VaultException ex)
        {
            await Console.Error.WriteLineAsync($"Vault unavailable at start-up: {ex.Message}");
            return 4;
        }
    }
}
