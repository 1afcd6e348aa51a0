using ChatOps.Bot.Core.Redaction;

namespace ChatOps.Bot.Features.Databases;

public sealed class ListSessionsHandler(IDatabaseOperations databases, ISecretRedactor redactor) : IRequestHandler<ListSessionsQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(ListSessionsQuery request, CancellationToken cancellationToken)
    {
        var db = request.Database!;
        var list = await databases.ListSessionsAsync(
            db, new SessionFilter(SessionStates.ServerStates(request.State), request.LongerThan, request.Limit), cancellationToken);

        var what = request.State == SessionStates.All ? "client sessions" : $"{request.State} sessions";
        var older = request.LongerThan is { } t ? $" running {SessionText.Duration(t)} or longer" : string.Empty;
        var caption = list.Sessions.Count == 0
            ? $"no {what}{older} on {db}"
            : string.Create(CultureInfo.InvariantCulture, $"{list.Sessions.Count} of {list.Matching} {what}{older} on {db}, longest first");
        var hidden = Hidden(request.State, list.StateCounts);
        if (hidden.Length > 0)
        {
            caption += $" (not shown: {hidden}; --state all shows every session)";
        }

        var table = new ResultTable(SessionText.Columns, list.Sessions.Select(s => SessionText.Row(s, redactor)).ToList(), caption);
        var text = list.Sessions.Count == 0 ? caption : $"{caption}\n{TextTable.Render(table)}";
        return OperationResult.Success(text) with { Title = $"Sessions on {db}", Summary = list.Sessions.Count == 0 ? null : string.Empty, Tables = [table] };
    }

    /// <summary>Sessions in states the filter left out, so "nothing active" does not hide 40 idle-in-transaction sessions.</summary>
    private static string Hidden(string state, IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", counts
            .Where(kv => !SessionStates.Includes(state, kv.Key) && kv.Value > 0)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Value} {kv.Key}")));
}
