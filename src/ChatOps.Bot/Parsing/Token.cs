namespace ChatOps.Bot.Parsing;

/// <summary>A word of a command line. A quoted token is always a value, never a flag.</summary>
public readonly record struct Token(string Text, bool Quoted);
