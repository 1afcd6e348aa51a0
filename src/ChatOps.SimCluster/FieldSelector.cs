using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// A <c>fieldSelector</c> as the real API server reads it: terms joined by commas, each <c>field=value</c>,
/// <c>field==value</c> or <c>field!=value</c>, over the few fields each kind indexes. Any other field is refused
/// with 400, as the real server does, so a client relying on an unsupported field fails here too instead of
/// silently getting everything.
/// </summary>
public sealed class FieldSelector
{
    private static readonly string[] Common = ["metadata.name", "metadata.namespace"];
    private static readonly string[] PodFields = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.podIP"];
    private static readonly string[] NamespaceFields = ["status.phase"];
    private static readonly string[] EventFields =
    [
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
        "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "type",
    ];

    private readonly List<(string Field, string Value, bool Equal)> _terms;

    private FieldSelector(List<(string Field, string Value, bool Equal)> terms) => _terms = terms;

    /// <summary>The name asked for by <c>metadata.name=x</c>, if any (kubectl's wait and single-object watch).</summary>
    public string? Name => _terms.FirstOrDefault(t => t.Field == "metadata.name" && t.Equal).Value;

    public static FieldSelector Parse(string? text, Kind kind)
    {
        var terms = new List<(string, string, bool)>();
        foreach (var raw in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (field, value, equal) = raw.IndexOf("!=", StringComparison.Ordinal) is var ne and > 0
                ? (raw[..ne], raw[(ne + 2)..], false)
                : raw.IndexOf('=') is var eq and > 0
                    ? (raw[..eq], raw[(eq + 1)..].TrimStart('='), true)
                    : throw new BadRequestException($"invalid selector: '{text}'; can't understand '{raw}'");
            field = field.Trim();
            if (!Supported(kind).Contains(field))
            {
                throw new BadRequestException($"field label not supported: {field}");
            }

            terms.Add((field, value.Trim(), equal));
        }

        return new FieldSelector(terms);
    }

    /// <summary>Matches a decorated object (status.phase is only there after decoration).</summary>
    public bool Matches(JsonObject obj) =>
        _terms.All(t => (Value(obj, t.Field) == t.Value) == t.Equal);

    private static IEnumerable<string> Supported(Kind kind) =>
        kind == Kinds.Pods ? Common.Concat(PodFields) : kind == Kinds.Namespaces ? Common.Concat(NamespaceFields)
        : kind == Kinds.Events ? Common.Concat(EventFields) : Common;

    private static string Value(JsonObject obj, string field) => obj.Str(field.Split('.')) ?? string.Empty;
}
