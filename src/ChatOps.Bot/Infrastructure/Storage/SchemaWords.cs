namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>The words of <see cref="SqlSchema"/> that differ between the databases.</summary>
/// <param name="BigInt">A 64-bit integer column: <c>bigint</c>, or <c>INTEGER</c> where STRICT tables know no other integer type.</param>
/// <param name="Identity">A generated key that is never reused, so a worker holding a stale id can never settle a different row.</param>
/// <param name="Strict">
/// Follows every CREATE TABLE: <c> STRICT</c> where a column could otherwise silently hold a value of another type (a
/// tampered '0' in an INTEGER column would read back as a number), empty where the database enforces types anyway.
/// </param>
/// <param name="IsSlackId">A condition on the named column: it holds a Slack user id.</param>
/// <param name="IsTeamsId">A condition on the named column: it holds an Azure AD object id (a lower-case GUID).</param>
/// <param name="IsConsoleName">A condition on the named column: it holds a console user name.</param>
internal sealed record SchemaWords(
    string BigInt,
    string Identity,
    string Strict,
    Func<string, string> IsSlackId,
    Func<string, string> IsTeamsId,
    Func<string, string> IsConsoleName);
