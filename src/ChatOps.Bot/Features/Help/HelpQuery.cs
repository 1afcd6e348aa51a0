namespace ChatOps.Bot.Features.Help;

public sealed record HelpQuery(ChatContext Context, CommandLine Command, string? Topic) : IOperation;

public sealed class HelpHandler(CommandRegistry registry) : IRequestHandler<HelpQuery, OperationResult>
{
    public ValueTask<OperationResult> Handle(HelpQuery request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Topic))
        {
            return ValueTask.FromResult(OperationResult.Success(registry.HelpList) with { Title = "ChatOps commands" });
        }

        var words = request.Topic.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var spec = registry.Find(string.Join(' ', words));
        if (spec is not null)
        {
            return ValueTask.FromResult(OperationResult.Success(HelpRenderer.Detail(spec)) with { Title = spec.Name });
        }

        var group = registry.NextWords(words);
        if (group.Count > 0)
        {
            var lines = registry.Commands
                .Where(c => c.Name.StartsWith(request.Topic.Trim() + " ", StringComparison.OrdinalIgnoreCase))
                .Select(c => $"  {HelpRenderer.Usage(c)}\n      {c.Summary}");
            return ValueTask.FromResult(OperationResult.Success(string.Join('\n', lines)));
        }

        var close = Suggestions.Closest(request.Topic.ToLowerInvariant(), registry.Commands.Select(c => c.Name));
        var hint = close.Count > 0 ? $"; did you mean {string.Join(" or ", close.Select(c => $"`help {c}`"))}?" : "; type `help` for the list";
        return ValueTask.FromResult(OperationResult.Invalid($"no command '{CommandParser.Truncate(request.Topic)}'{hint}"));
    }
}
