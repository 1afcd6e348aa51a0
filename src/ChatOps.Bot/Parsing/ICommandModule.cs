namespace ChatOps.Bot.Parsing;

/// <summary>An area contributes its commands by registering them; nothing else in the parser changes.</summary>
public interface ICommandModule
{
    void Register(CommandRegistry registry);
}
