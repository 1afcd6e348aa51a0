namespace ChatOps.Bot.Parsing;

/// <summary>Kubernetes object names (DNS-1123 subdomain), checked before any name reaches an API.</summary>
public static class Names
{
    public static bool IsDns1123Label(string value) =>
        value.Length is > 0 and <= 63
        && IsAlphaNumLower(value[0])
        && IsAlphaNumLower(value[^1])
        && value.All(c => IsAlphaNumLower(c) || c == '-');

    public static bool IsDns1123Subdomain(string value) =>
        value.Length is > 0 and <= 253 && value.Split('.').All(IsDns1123Label);

    private static bool IsAlphaNumLower(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
