using System.Text.RegularExpressions;

namespace ChatOps.Bot.Core.Redaction;

/// <summary><c>ChatOps:Redaction</c>: site-specific secret shapes on top of the built-in ones.</summary>
public sealed class RedactionOptions
{
    public const string SectionName = "ChatOps:Redaction";

    /// <summary>
    /// .NET regular expressions; a match is masked whole, or only its <c>secret</c> group when it has one
    /// (<c>internal-key-(?&lt;secret&gt;[0-9a-f]{32})</c>).
    /// </summary>
    [Description("extra regular expressions whose matches are masked (`***`) in every text that quotes others' data; an optional `secret` group limits the mask; checked at start")]
    public List<string> Patterns { get; set; } = [];

    public static Regex Compile(string pattern) => new(pattern,
        RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(SecretPatterns.TimeoutMilliseconds));
}

internal sealed class RedactionOptionsValidator : IValidateOptions<RedactionOptions>
{
    public ValidateOptionsResult Validate(string? name, RedactionOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.Patterns.Count; i++)
        {
            var pattern = options.Patterns[i];
            if (string.IsNullOrEmpty(pattern))
            {
                errors.Add($"{RedactionOptions.SectionName}:Patterns:{i}: must not be empty");
                continue;
            }

            try
            {
                // A pattern that matches the empty string would "mask" between every character.
                if (RedactionOptions.Compile(pattern).IsMatch(string.Empty))
                {
                    errors.Add($"{RedactionOptions.SectionName}:Patterns:{i}: matches the empty string");
                }
            }
            catch (ArgumentException ex)
            {
                errors.Add($"{RedactionOptions.SectionName}:Patterns:{i}: is not a valid regular expression ({ex.Message.Split('\n')[0]})");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
