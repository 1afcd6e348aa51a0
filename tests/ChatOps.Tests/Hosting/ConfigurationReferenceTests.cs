using System.ComponentModel;
using ChatOps.Bot.Core;
using ChatOps.Bot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace ChatOps.Tests.Hosting;

/// <summary>Issue 21.1: the README's configuration reference is generated from the options classes the host binds.</summary>
public sealed class ConfigurationReferenceTests
{
    [Fact]
    public void EveryOptionsClassTheHostBinds_IsInTheReference()
    {
        // BindConfiguration registers a change-token source per options class: the host's own list of what it binds.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.AddChatOps();
        var bound = builder.Services
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IOptionsChangeTokenSource<>))
            .Select(d => d.ServiceType.GetGenericArguments()[0])
            .Where(t => t.Assembly == typeof(ConfigurationReference).Assembly)
            .Distinct()
            .ToList();

        bound.Count.ShouldBeGreaterThan(10);
        var documented = ConfigurationReference.Sections.Select(s => s.Options).ToList();
        bound.Except(documented).ShouldBeEmpty("these options classes are bound but missing from ConfigurationReference.Sections");
        documented.Except(bound).ShouldBeEmpty("these are in ConfigurationReference.Sections but the host does not bind them");
    }

    [Fact]
    public void EveryDocumentedSection_IsTheClassesOwnSectionName()
    {
        foreach (var (type, section) in ConfigurationReference.Sections)
        {
            type.GetField("SectionName")?.GetRawConstantValue().ShouldBe(section, type.Name);
        }
    }

    [Fact]
    public void EveryPublicSettableOption_HasADescription()
    {
        var undocumented = ConfigurationReference.Rows().Where(r => string.IsNullOrWhiteSpace(r.Meaning)).Select(r => r.Property).Distinct();

        undocumented.ShouldBeEmpty("add a [Description] (System.ComponentModel) to these options properties");
    }

    [Fact]
    public void AnUndocumentedProperty_StopsTheGenerator()
    {
        var rows = ConfigurationRows.Of(typeof(Undocumented), "X").ToList();

        rows.Single(r => r.Key == "X:Plain").Meaning.ShouldBeNull();
        rows.Single(r => r.Key == "X:Described").Meaning.ShouldBe("said");
    }

    [Fact]
    public void Rows_FollowTheBindersShapes_AndHideSecretDefaults()
    {
        var rows = ConfigurationRows.Of(typeof(Shapes), "S").ToDictionary(r => r.Key);

        rows.Keys.ShouldBe(["S:ApiToken", "S:Wait", "S:Names", "S:Items", "S:Items:N:Count", "S:Labels:<label>", "S:Targets:<name>", "S:Targets:<name>:Count", "S:Mode"]);
        rows["S:ApiToken"].Type.ShouldBe("string (secret)");
        rows["S:ApiToken"].Default.ShouldBe("—", "a default secret is never printed");
        rows["S:Wait"].Default.ShouldBe("`00:00:02.5`");
        rows["S:Names"].Default.ShouldBe("`[\"a\", \"b\"]`");
        rows["S:Items:N:Count"].Default.ShouldBe("`7`");
        rows["S:Mode"].Type.ShouldBe("`Off` or `On`");
        rows["S:Mode"].Default.ShouldBe("`On`");
    }

    [Fact]
    public void Markdown_IsOneTable_WithOneRowPerKey_AndEscapedPipes()
    {
        var markdown = ConfigurationReference.Markdown();
        var rows = markdown.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        var keys = rows.Select(r => r.Split(" | ")[0]).ToList();

        markdown.ShouldStartWith(ConfigurationReference.Begin);
        markdown.ShouldEndWith(ConfigurationReference.End);
        keys.ShouldBe(keys.Distinct(), "no key is listed twice");
        rows.ShouldAllBe(r => r.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|') == 5, "every row has four cells");
    }

    [Fact]
    public void UpdateVerb_RewritesOnlyTheBlockBetweenTheMarkers()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, $"before\n{ConfigurationReference.Begin}\nstale\n{ConfigurationReference.End}\nafter\n");
            using var output = new StringWriter();

            ConfigurationReference.Run(["--update", file], output, TextWriter.Null).ShouldBe(0);

            File.ReadAllText(file).ShouldBe($"before\n{ConfigurationReference.Markdown()}\nafter\n");
            ConfigurationReference.Run(["--bogus"], output, TextWriter.Null).ShouldBe(2);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private sealed class Undocumented
    {
        public string Plain { get; set; } = string.Empty;

        [Description("said")]
        public string Described { get; set; } = string.Empty;
    }

    private enum Mode
    {
        Off,
        On,
    }

    private sealed class Item
    {
        public int Count { get; set; } = 7;
    }

    private sealed class Shapes
    {
        public string ApiToken { get; set; } = "xoxb-default";

        public TimeSpan Wait { get; set; } = TimeSpan.FromMilliseconds(2500);

        public List<string> Names { get; set; } = ["a", "b"];

        public List<Item> Items { get; set; } = [];

        [MapKey("label")]
        public Dictionary<string, string> Labels { get; set; } = [];

        public Dictionary<string, Item> Targets { get; set; } = [];

        public Mode Mode { get; set; } = Mode.On;

        public bool Computed => true;
    }
}
