using System.Text.RegularExpressions;
using FluentValidation;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>What <c>health</c> names: a service (<c>svc/x</c>), a deployment (<c>deployment/x</c>), or either (bare, service first).</summary>
public sealed record HealthSubject(string Kind, string Name)
{
    public const string Service = "Service";
    public const string Deployment = "Deployment";
    public const string Either = "";

    public static HealthSubject Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return new(Either, text);
        }

        var name = text[(slash + 1)..];
        return text[..slash].ToLowerInvariant() switch
        {
            "service" or "services" or "svc" => new(Service, name),
            "deployment" or "deployments" or "deploy" => new(Deployment, name),
            var other => new(other, name),
        };
    }
}

/// <summary><c>health</c>: a service's health endpoint through the API server's service proxy (issue 14).</summary>
public sealed record HealthQuery(ChatContext Context, CommandLine Command, string Cluster, string Namespace, HealthSubject Subject, string? Path, string? Port)
    : IKubernetesRequest
{
    public string Name => Subject.Name;

    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => new(Cluster, Namespace);
}

public sealed partial class HealthQueryValidator : KubernetesRequestValidator<HealthQuery>
{
    public HealthQueryValidator(IOptionsMonitor<TargetOptions> targets)
        : base(targets)
    {
        RuleFor(r => r.Subject.Kind).Must(k => k is HealthSubject.Service or HealthSubject.Deployment or HealthSubject.Either)
            .WithMessage(r => $"health is checked for a service (svc/<name>) or a deployment (deployment/<name>), not '{r.Subject.Kind}'");
        RuleFor(r => r.Path).Must(p => IsSafePath(p!))
            .WithMessage(r => $"'{r.Path}' is not a health path: letters, digits and / . _ ~ - only, no '..' segment (it must stay inside the service proxy)")
            .When(r => r.Path is not null);
        RuleFor(r => r.Port).Must(p => IsPort(p!))
            .WithMessage(r => $"'{r.Port}' is not a service port: a number (1-65535) or a port name")
            .When(r => r.Port is not null);
    }

    /// <summary>
    /// The path is appended to <c>…/services/x:port/proxy</c>: a <c>..</c> segment (the client normalizes it away)
    /// or an escape would turn the call into a GET of another API path with the bot's credentials.
    /// </summary>
    public static bool IsSafePath(string path) =>
        path.Length is > 0 and <= 200 && SafePath().IsMatch(path) && !path.Split('/').Any(s => s is "." or "..");

    [GeneratedRegex(@"^/?[A-Za-z0-9._~\-]*(/[A-Za-z0-9._~\-]*)*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SafePath();

    /// <summary>A port number, or a port name as Kubernetes allows it (IANA service name: at most 15, with a letter).</summary>
    public static bool IsPort(string port) => int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
        ? n is >= 1 and <= 65535
        : PortName().IsMatch(port) && port.Any(char.IsAsciiLetterLower);

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex PortName();
}
