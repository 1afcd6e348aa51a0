using ChatOps.Bot.Core;
using NetArchTest.Rules;

namespace ChatOps.Tests.Architecture;

/// <summary>One direction of flow: handlers and behaviours never see transports or concrete infrastructure.</summary>
public sealed class LayeringTests
{
    private static readonly Types Bot = Types.InAssembly(typeof(IOperation).Assembly);

    [Theory]
    [InlineData("ChatOps.Bot.Operations")]
    [InlineData("ChatOps.Bot.Pipeline")]
    [InlineData("ChatOps.Bot.Commands")]
    public void Core_DoesNotDependOnAdaptersOrInfrastructure(string layer)
    {
        var result = Bot.That().ResideInNamespace(layer)
            .ShouldNot().HaveDependencyOnAny("ChatOps.Bot.Chat", "ChatOps.Bot.Infrastructure", "Microsoft.AspNetCore.Http", "Npgsql", "Microsoft.Data.Sqlite")
            .GetResult();

        result.IsSuccessful.ShouldBeTrue(string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void ChatAdapters_DoNotTouchStoresDirectly()
    {
        var result = Bot.That().ResideInNamespace("ChatOps.Bot.Chat")
            .ShouldNot().HaveDependencyOnAny("ChatOps.Bot.Infrastructure", "Npgsql", "Microsoft.Data.Sqlite")
            .GetResult();

        result.IsSuccessful.ShouldBeTrue(string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Requests_AreSealedRecords()
    {
        var requests = typeof(IOperation).Assembly.GetTypes()
            .Where(t => typeof(IOperation).IsAssignableFrom(t) && !t.IsInterface)
            .ToList();

        requests.ShouldNotBeEmpty();
        requests.ShouldAllBe(t => t.IsSealed && t.GetMethod("<Clone>$") != null);
    }
}
