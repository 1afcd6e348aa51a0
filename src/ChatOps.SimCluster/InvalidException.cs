using System.Net;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>One field's validation failure, as the real server words it: <c>spec.replicas: Invalid value: -1: must be ...</c>.</summary>
public sealed record FieldError(string Field, string Type, string Detail = "")
{
    public const string InvalidValue = "Invalid value";
    public const string RequiredValue = "Required value";

    public static FieldError Invalid(string field, object value, string detail) => new(field, $"{InvalidValue}: {value}", detail);

    public static FieldError Required(string field, string detail = "") => new(field, RequiredValue, detail);

    public string Reason => Type == RequiredValue ? "FieldValueRequired" : "FieldValueInvalid";

    public string Message => Detail.Length == 0 ? Type : $"{Type}: {Detail}";

    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>
/// 422 Invalid with <c>details.kind</c> and <c>details.causes</c> (reason, field, message per failure): what kubectl
/// prints as <c>The Deployment "x" is invalid: ...</c> and what clients read to point at the field.
/// </summary>
public sealed class InvalidException(string kind, string group, string name, IReadOnlyList<FieldError> errors)
    : ApiException(HttpStatusCode.UnprocessableEntity, "Invalid",
        $"{kind}{(group.Length > 0 ? $".{group}" : string.Empty)} \"{name}\" is invalid: {(errors.Count == 1 ? errors[0].ToString() : $"[{string.Join(", ", errors)}]")}")
{
    public JsonObject Details() => new()
    {
        ["name"] = name,
        ["group"] = group,
        ["kind"] = kind,
        ["causes"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject
        {
            ["reason"] = e.Reason,
            ["message"] = e.Message,
            ["field"] = e.Field,
        }).ToArray()),
    };
}
