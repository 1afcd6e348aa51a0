namespace ChatOps.Bot.Core;

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

    /// <summary>
    /// How long one call to a remote API (Prometheus, Alertmanager, Vault) may take: at least a second, so a slow
    /// network does not fail every call, and at most five minutes, so a hung server does not hold a command for long.
    /// </summary>
    public void RequestTimeout(TimeSpan value, string key) =>
        Check(
            value >= TimeSpan.FromSeconds(1) && value <= TimeSpan.FromMinutes(5),
            key,
            $"{value} must be between 00:00:01 and 00:05:00");

    /// <summary>
    /// The configuration binder silently drops a list or dictionary element that fails to convert (a binding with
    /// <c>Role: superuser</c> would just vanish). Binding each element on its own surfaces the error with its key.
    /// </summary>
    public void EachElementBinds<T>(IConfiguration configuration, string sectionKey)
    {
        foreach (var child in configuration.GetSection(sectionKey).GetChildren())
        {
            try
            {
                _ = child.Get<T>();
            }
            catch (InvalidOperationException ex)
            {
                _errors.Add($"{child.Path}: {ex.Message}");
            }
        }
    }

    public ValidateOptionsResult Result => _errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_errors);
}
