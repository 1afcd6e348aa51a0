namespace ChatOps.Bot.Parsing;

/// <summary>
/// A feature's grammar: it contributes its chat commands by registering their specs; nothing else in the parser
/// changes. Named for what it holds, so "command" is left meaning the request records (ScaleCommand and the like).
/// </summary>
public interface IGrammar
{
    void Register(CommandRegistry registry);
}
