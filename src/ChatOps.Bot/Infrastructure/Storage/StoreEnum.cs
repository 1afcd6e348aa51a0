namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>
/// Enums are stored as their exact names. Parsing is strict on purpose: <see cref="Enum.TryParse{TEnum}(string, out TEnum)"/>
/// would also accept "0" or "allowed", so a row edited that way would still hash like the original and hide tampering.
/// </summary>
internal static class StoreEnum
{
    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static TEnum Parse<TEnum>(string text, string what)
        where TEnum : struct, Enum =>
        TryParse<TEnum>(text, out var value)
            ? value
            : throw new InvalidDataException($"{what} holds '{text}', which is not a {typeof(TEnum).Name}");
}
