using ChatOps.Bot.Hosting;
using ChatOps.Bot.Parsing;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Docs;

public sealed class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, "README.md"));

    [Fact]
    public void CommandReference_EqualsHelpOutput()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection().AddLogging().AddChatOpsCore(configuration).BuildServiceProvider();
        var help = HelpRenderer.List(services.GetRequiredService<CommandRegistry>());

        var begin = Readme.IndexOf("<!-- commands:begin -->", StringComparison.Ordinal);
        var end = Readme.IndexOf("<!-- commands:end -->", StringComparison.Ordinal);
        begin.ShouldBeGreaterThan(0);
        var block = Readme[begin..end].Split("```")[1].Trim('\n');

        block.ShouldBe(help, "update the README's command reference from `help`");
    }

    [Fact]
    public void ConfigurationReference_EqualsTheOptionsClasses()
    {
        // Issue 21.1: the hand-kept table was split by a blank line and repeated rows; now it is generated.
        var begin = Readme.IndexOf(ConfigurationReference.Begin, StringComparison.Ordinal);
        var end = Readme.IndexOf(ConfigurationReference.End, StringComparison.Ordinal);
        begin.ShouldBeGreaterThan(0, "the README has no configuration reference block");
        var block = Readme[begin..(end + ConfigurationReference.End.Length)].ReplaceLineEndings("\n");

        block.ShouldBe(
            ConfigurationReference.Markdown(),
            $"the README's configuration reference differs from the options classes; regenerate it: {ConfigurationReference.Regenerate}");
    }

    [Fact]
    public void ConfigurationReference_HasNoHandWrittenRowsBesideTheGeneratedTable()
    {
        var section = Readme[Readme.IndexOf("## Configuration reference", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var outside = section.Remove(
            section.IndexOf(ConfigurationReference.Begin, StringComparison.Ordinal),
            section.IndexOf(ConfigurationReference.End, StringComparison.Ordinal) + ConfigurationReference.End.Length
                - section.IndexOf(ConfigurationReference.Begin, StringComparison.Ordinal));

        outside.Split('\n').ShouldNotContain(l => l.StartsWith('|'), "every row belongs to the generated table");
        section.ShouldNotContain("marked with an issue");
    }

    [Fact]
    public void ConfigurationReference_NamesEveryKeyOfTheDefaultConfiguration()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(System.IO.Path.Combine(RepositoryRoot.Path, "appsettings.json"))
            .Build();
        var keys = configuration.GetSection("ChatOps").AsEnumerable(makePathsRelative: false)
            .Select(kv => System.Text.RegularExpressions.Regex.Replace(kv.Key, @":\d+(:|$)", "$1"))
            .Where(k => k.Count(c => c == ':') >= 2)
            .Select(k => k.Split(':')[^1])
            .Distinct()
            .ToList();

        keys.ShouldNotBeEmpty();
        foreach (var key in keys)
        {
            Readme.ShouldContain(key, customMessage: $"the README's configuration reference does not mention {key}");
        }
    }
}
