using System.Data.Common;
using ChatOps.Bot.Features.Policies;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>The audit records a rate rule counts, in the SQL both dialects share.</summary>
internal static class RunHistoryRows
{
    /// <summary>
    /// A request's allowed-and-finished record is its last one (nothing follows Succeeded or Failed), so matching
    /// those rows needs no "newest entry" subquery. The target matches itself and its namespaces (<c>prod-eks/web</c>);
    /// substr compares bytes in both dialects, where LIKE would treat <c>_</c> in a name as a wildcard.
    /// </summary>
    public static async Task<IReadOnlyList<PastRun>> RunsAsync(
        DbConnection connection, string target, DateTimeOffset since, int max, CancellationToken cancellationToken)
    {
        var prefix = target + "/";
        await using var command = DbValues.Command(connection, null,
            "SELECT at, parsed_request, target FROM audit_entries " +
            "WHERE at >= @since AND decision = @allowed AND outcome IN (@succeeded, @failed) " +
            "AND (target = @target OR substr(target, 1, @prefix_length) = @prefix) " +
            "ORDER BY seq LIMIT @max");
        command.Add("@since", AuditChain.ToUnixMicroseconds(since));
        command.Add("@allowed", nameof(AuditDecision.Allowed));
        command.Add("@succeeded", nameof(AuditOutcome.Succeeded));
        command.Add("@failed", nameof(AuditOutcome.Failed));
        command.Add("@target", target);
        command.Add("@prefix", prefix);
        command.Add("@prefix_length", prefix.Length);
        command.Add("@max", max);
        var runs = new List<PastRun>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new PastRun(AuditChain.FromUnixMicroseconds(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2)));
        }

        return runs;
    }
}
