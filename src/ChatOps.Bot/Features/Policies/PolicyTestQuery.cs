namespace ChatOps.Bot.Features.Policies;

/// <summary>What would happen to <see cref="Text"/> run by <see cref="User"/> (the asker when null); runs nothing.</summary>
public sealed record PolicyTestQuery(ChatContext Context, CommandLine Command, string? User, string Text) : IOperation;
