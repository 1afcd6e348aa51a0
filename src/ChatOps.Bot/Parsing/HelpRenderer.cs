namespace ChatOps.Bot.Parsing;

/// <summary>Usage lines and help text, generated from the same specs the parser uses.</summary>
public static class HelpRenderer
{
    public static string Usage(CommandSpec spec)
    {
        var sb = new StringBuilder(spec.Name);
        var positionals = new StringBuilder();
        foreach (var arg in spec.Positionals)
        {
            var name = arg.Kind == ArgKind.Rest ? arg.Placeholder + "..." : arg.Placeholder;
            positionals.Append(arg.Required ? $" <{name}>" : $" [{name}]");
        }

        // A nested command takes every word after its first one, so this command's own flags come before it.
        if (!spec.NestsCommand)
        {
            sb.Append(positionals);
        }

        foreach (var flag in spec.Flags)
        {
            var form = flag.Short is { } s ? $"-{s}|--{flag.Name}" : $"--{flag.Name}";
            sb.Append(flag.Kind switch
            {
                _ when flag.Required => $" {form} {flag.Placeholder}",
                ArgKind.Switch => $" [{form}]",
                ArgKind.Choice => $" [{form} {string.Join('|', flag.Choices)}]",
                _ => $" [{form} {flag.Placeholder}]",
            });
        }

        return spec.NestsCommand ? sb.Append(positionals).ToString() : sb.ToString();
    }

    public static string List(CommandRegistry registry)
    {
        var sb = new StringBuilder("Commands:\n");
        foreach (var spec in registry.Commands)
        {
            sb.Append("  ").Append(Usage(spec)).Append("\n      ").Append(spec.Summary).Append('\n');
        }

        return sb.Append(IncidentOption.Help).Append('\n').Append("Type `help <command>` for flags, roles and examples.").ToString();
    }

    public static string Detail(CommandSpec spec)
    {
        var sb = new StringBuilder();
        sb.Append("usage: ").Append(Usage(spec)).Append('\n').Append(spec.Summary).Append('\n');
        sb.Append("role: ").Append(spec.RoleNote ?? (spec.Role is { } r ? r.ToString().ToLowerInvariant() : "anyone"));
        sb.Append(spec.Mutating ? " · changes things (audited before it acts)" : " · read-only").Append('\n');
        sb.Append("arguments:\n");
        foreach (var a in spec.Positionals.Concat(spec.Flags))
        {
            var label = a.IsFlag ? (a.Short is { } s ? $"-{s}, --{a.Name}" : $"--{a.Name}") : $"<{a.Placeholder}>";
            sb.Append("  ").Append(label.PadRight(22)).Append(' ').Append(a.Description).Append('\n');
        }

        // Global, so no spec declares it; shown on every command so nobody has to know it exists to find it.
        sb.Append("  ").Append(IncidentOption.Usage.PadRight(22)).Append(" puts the run on that open incident's timeline (every command)\n");
        if (spec.Examples.Count > 0)
        {
            sb.Append("examples:\n");
            foreach (var e in spec.Examples)
            {
                sb.Append("  ").Append(e).Append('\n');
            }
        }

        return sb.ToString().TrimEnd('\n');
    }
}
