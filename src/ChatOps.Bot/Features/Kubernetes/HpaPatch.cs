namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// Reads the runbooks' <c>kubectl patch hpa x -p '{"spec":{"minReplicas":5,"maxReplicas":20}}'</c> patch. Only the
/// two bounds may be set from chat; anything else in the patch is refused rather than silently dropped.
/// </summary>
public static class HpaPatch
{
    private static readonly string[] Allowed = ["minReplicas", "maxReplicas"];

    public static bool TryRead(string? json, out int? min, out int? max, out string? error)
    {
        (min, max, error) = (null, null, null);
        if (string.IsNullOrWhiteSpace(json))
        {
            error = "give the patch with -p '{\"spec\":{\"minReplicas\":5,\"maxReplicas\":20}}'";
            return false;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            error = $"the patch is not valid JSON: {ex.Message.Split(". ")[0]}";
            return false;
        }

        if (root is not JsonObject { Count: 1 } top || top["spec"] is not JsonObject { Count: > 0 } spec)
        {
            error = "the patch must be {\"spec\":{...}} with minReplicas and/or maxReplicas";
            return false;
        }

        foreach (var (key, value) in spec)
        {
            if (!Allowed.Contains(key, StringComparer.Ordinal))
            {
                error = $"only spec.minReplicas and spec.maxReplicas can be patched from chat, not spec.{key}";
                return false;
            }

            if (value is not JsonValue v || !v.TryGetValue<int>(out var n) || n is < 0 or > 10_000)
            {
                error = $"spec.{key} must be a whole number from 0 to 10000";
                return false;
            }

            if (key == "minReplicas")
            {
                min = n;
            }
            else
            {
                max = n;
            }
        }

        return true;
    }
}
