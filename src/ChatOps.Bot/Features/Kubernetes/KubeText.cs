namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>Small formatting helpers shared by the Kubernetes answers.</summary>
public static class KubeText
{
    public static string Images(IReadOnlyList<string> images) => images.Count == 0 ? "(none)" : string.Join(", ", images);

    /// <summary>kubectl-style age: 45s, 12m, 3h, 5d.</summary>
    public static string Age(DateTimeOffset? created, DateTimeOffset now)
    {
        if (created is null)
        {
            return "?";
        }

        var age = now - created.Value;
        return age.TotalSeconds < 120 ? $"{Math.Max(0, (int)age.TotalSeconds)}s"
            : age.TotalMinutes < 120 ? $"{(int)age.TotalMinutes}m"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours}h"
            : $"{(int)age.TotalDays}d";
    }

    public static string Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "?";

    public static string DryRunNote(bool dryRun) => dryRun ? " (dry run: the API server validated the change; nothing was changed)" : string.Empty;

    public static string Hpa(HpaView h) => $"HPA {h.Name} (min {h.Min}, max {h.Max}, current {h.Current}, {h.Targets})";
}
