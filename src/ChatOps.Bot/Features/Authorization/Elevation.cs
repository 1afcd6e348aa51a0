namespace ChatOps.Bot.Features.Authorization;

/// <summary>
/// A break-glass elevation: <see cref="Subject"/> holds <see cref="Role"/> on <see cref="Target"/> (everywhere when
/// null; one namespace of it when <see cref="Namespace"/> is set) from <see cref="GrantedAt"/> until
/// <see cref="ExpiresAt"/> (exclusive), unless revoked first. A lease in the store, so every replica sees the same one.
/// </summary>
public sealed record Elevation(
    string Id,
    string Subject,
    Role Role,
    string? Target,
    string? Namespace,
    string Reason,
    string? Incident,
    string GrantedBy,
    DateTimeOffset GrantedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>Expiry is exclusive: at <see cref="ExpiresAt"/> the elevation no longer counts.</summary>
    public bool IsActiveAt(DateTimeOffset now) => GrantedAt <= now && now < ExpiresAt;

    /// <summary>
    /// The first of <paramref name="live"/> that gives <paramref name="role"/> on <paramref name="scope"/> at
    /// <paramref name="now"/>: the one rule authorization and <c>policy test</c> both judge by.
    /// </summary>
    public static Elevation? Covering(IEnumerable<Elevation> live, DateTimeOffset now, Role role, TargetScope scope) =>
        live.FirstOrDefault(e => e.IsActiveAt(now) && e.Role >= role && RolePolicy.Covers(e.AsGrant(), scope));

    /// <summary>The elevation as a binding, so authorization judges it by the same rules as configured ones.</summary>
    public Grant AsGrant() => new(Role, $"break-glass {Id}", Target, Namespace);
}
