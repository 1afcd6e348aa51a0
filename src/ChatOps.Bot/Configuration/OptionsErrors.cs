using Microsoft.Extensions.Options;

namespace ChatOps.Bot.Configuration;

/// <summary>Collects failures as "key: reason" lines so a bad configuration names exactly what to fix.</summary>
internal sealed class OptionsErrors
{
    private readonly List<string> _errors = [];

    public void Check(bool ok, string key, string reason)
    {
        if (!ok)
        {
            _errors.Add($"{key}: {reason}");
        }
    }

    public void Url(string value, string key)
    {
        Check(
            value.Length == 0 || Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps),
            key,
            $"'{value}' is not an absolute http(s) URL");
    }

    public ValidateOptionsResult Result => _errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_errors);
}
