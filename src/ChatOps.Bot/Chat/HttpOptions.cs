namespace ChatOps.Bot.Chat;

/// <summary>Limits of the HTTP host itself.</summary>
public sealed class HttpOptions
{
    public const string SectionName = "ChatOps:Http";

    /// <summary>
    /// The largest request body any endpoint accepts, unless the endpoint declares a smaller one (the health and
    /// metrics endpoints accept none); larger requests get 413 before the body is read.
    /// </summary>
    [Description("the largest request body any endpoint accepts (1 KiB – 64 MiB); larger gets 413; health and metrics endpoints take no body")]
    public long MaxRequestBodyBytes { get; set; } = 1 << 20;
}

internal sealed class HttpOptionsValidator : IValidateOptions<HttpOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpOptions options)
    {
        var e = new OptionsErrors();
        e.Check(
            options.MaxRequestBodyBytes is >= 1024 and <= 64L << 20,
            $"{HttpOptions.SectionName}:MaxRequestBodyBytes",
            "must be between 1024 and 67108864 (64 MiB)");
        return e.Result;
    }
}
