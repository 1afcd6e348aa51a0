using ChatOps.Bot.Core.Redaction;
using Severity = ChatOps.Bot.Core.Severity;

namespace ChatOps.Bot.Features.Kubernetes;

public sealed class HealthHandler(IKubernetesOperations kube, IOptionsMonitor<TargetOptions> targets, ISecretRedactor redactor) : IRequestHandler<HealthQuery, OperationResult>
{
    /// <summary>A health answer is a few hundred bytes; a bigger body is cut here, never read whole.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public async ValueTask<OperationResult> Handle(HealthQuery request, CancellationToken cancellationToken)
    {
        var target = request.Target();
        var (service, failure) = await FindService(request, target, cancellationToken);
        if (service is null)
        {
            return OperationResult.Failure(failure!);
        }

        var configured = targets.CurrentValue.Clusters.TryGetValue(request.Cluster, out var c) && c.HealthChecks.TryGetValue(service.Name, out var h) ? h : null;
        var port = Port(service, request.Port ?? NonEmpty(configured?.Port));
        if (port is null)
        {
            var ports = service.Ports.Count == 0 ? "it has no ports" : $"ports: {string.Join(", ", service.Ports)}";
            return OperationResult.Failure($"service {service.Name} in {target} has no port '{request.Port ?? configured?.Port}' ({ports})");
        }

        var path = "/" + (request.Path ?? NonEmpty(configured?.Path) ?? HealthCheckOptions.DefaultPath).TrimStart('/');
        var portText = port.Name.Length > 0 ? port.Name : port.Port.ToString(CultureInfo.InvariantCulture);
        var answer = await kube.ProxyGetAsync(target, service.Name, portText, path, MaxBodyBytes, cancellationToken);
        var endpoint = $"service {service.Name}:{port.Port.ToString(CultureInfo.InvariantCulture)}{path}";
        if (answer.ProxyError is { } proxyError)
        {
            return OperationResult.Failure($"the API server could not reach {endpoint} in {target} (HTTP {answer.StatusCode}: {redactor.Redact(proxyError).Text})");
        }

        return Render(request, endpoint, answer, HealthReport.Parse(answer.StatusCode, answer.Body));
    }

    private OperationResult Render(HealthQuery request, string endpoint, ProxyAnswer answer, HealthReport report)
    {
        var verdict = report.Verdict.ToString().ToUpperInvariant();
        var ms = ((long)answer.Elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var head = $"{endpoint} in {request.Target()}: {verdict} (HTTP {answer.StatusCode.ToString(CultureInfo.InvariantCulture)}" +
            (report.Status is { } s && !string.Equals(s, verdict, StringComparison.OrdinalIgnoreCase) ? $", status \"{redactor.Redact(s).Text}\"" : string.Empty) + $", {ms} ms)";
        var lines = new List<string> { head };
        var note = report.Note is null ? null : redactor.Redact(report.Note).Text;
        if (answer.Truncated)
        {
            note = $"body cut at {MaxBodyBytes / 1024} KiB" + (note is null ? string.Empty : $"; {note}");
        }

        if (note is not null)
        {
            lines.Add(note);
        }

        var summary = string.Join('\n', lines);
        var tables = new List<ResultTable>();
        if (report.Components.Count > 0)
        {
            var rows = report.Components
                .Select(x => (IReadOnlyList<string>)[x.Name, x.Status, Short(redactor.Redact(x.Details).Text)])
                .ToList();
            var table = new ResultTable(["COMPONENT", "STATUS", "DETAILS"], rows, "Components");
            tables.Add(table);
            lines.Add(TextTable.Render(table));
        }

        return new OperationResult(Outcome.Succeeded, string.Join('\n', lines))
        {
            Title = $"health of {endpoint} ({request.Namespace}, {request.Cluster})",
            Severity = report.Verdict switch { HealthVerdict.Up => Severity.Success, HealthVerdict.Degraded => Severity.Warning, _ => Severity.Danger },
            Summary = summary,
            Tables = tables,
        };
    }

    /// <summary>A service by its name; a deployment's by the Service whose selector matches its pod template's labels.</summary>
    private async Task<(ServiceView? Service, string? Failure)> FindService(HealthQuery request, KubeTarget target, CancellationToken cancellationToken)
    {
        var subject = request.Subject;
        if (subject.Kind != HealthSubject.Deployment)
        {
            var named = (await kube.ListServicesAsync(target, subject.Name, cancellationToken)).FirstOrDefault(s => s.Name == subject.Name);
            if (named is not null || subject.Kind == HealthSubject.Service)
            {
                return (named, $"service {subject.Name} not found in namespace {target.Namespace} on cluster {target.Cluster}");
            }
        }

        IReadOnlyDictionary<string, string> labels;
        try
        {
            labels = await kube.GetPodTemplateLabelsAsync(target, subject.Name, cancellationToken);
        }
        catch (KubernetesFailure f) when (f.Kind == KubernetesFailureKind.NotFound && subject.Kind == HealthSubject.Either)
        {
            return (null, $"no service or deployment named {subject.Name} in namespace {target.Namespace} on cluster {target.Cluster}");
        }

        var matching = (await kube.ListServicesAsync(target, null, cancellationToken)).Where(s => s.Selects(labels)).ToList();
        return matching switch
        {
            [] => (null, $"no service in {target} selects the pods of deployment {subject.Name}"),
            [var one] => (one, null),
            _ when matching.FirstOrDefault(s => s.Name == subject.Name) is { } same => (same, null),
            _ => (null, $"services {string.Join(", ", matching.Select(s => s.Name))} all select deployment {subject.Name}; name one with svc/<name>"),
        };
    }

    /// <summary>The asked port by name or number; unasked, the one named <c>http</c>, else the first.</summary>
    private static ServicePortView? Port(ServiceView service, string? asked) => asked is null
        ? service.Ports.FirstOrDefault(p => p.Name == "http") ?? service.Ports.FirstOrDefault()
        : service.Ports.FirstOrDefault(p => p.Name == asked || p.Port.ToString(CultureInfo.InvariantCulture) == asked);

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string Short(string text) => text.Length > 160 ? text[..160] + "…" : text;
}
