using ChatOps.Bot.Core;
using ChatOps.Bot.Parsing;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Parsing;

/// <summary>What help and configuration validation say about a command must be true of the request it builds.</summary>
public sealed class CommandSpecConsistencyTests
{
    [Fact]
    public async Task EveryExample_Parses_AndTheSpecFlagsMatchTheRequestType()
    {
        await using var bot = TestBot.Create();
        var parser = bot.Services.GetRequiredService<CommandParser>();

        foreach (var spec in bot.Services.GetRequiredService<CommandRegistry>().Commands)
        {
            spec.Examples.ShouldNotBeEmpty($"`{spec.Name}` has no example for help");
            var (canBeHeld, canChange) = (false, false);
            foreach (var example in spec.Examples)
            {
                var parsed = parser.Parse(example, bot.Context("alice"));
                parsed.Error.ShouldBeNull($"example `{example}` of `{spec.Name}`");
                parsed.Spec.ShouldBe(spec);
                (parsed.Operation is IMutating && !spec.Mutating).ShouldBeFalse($"`{spec.Name}`: a read-only spec built a mutating request");
                canChange |= parsed.Operation is IMutating;
                canBeHeld |= parsed.Operation is IDangerous;
            }

            // One spec may build several request types (db kill <pid> vs the bulk form): "may" means one of them can be held.
            // Likewise `hpa <name>` shows and `hpa <name> --min n` changes: Mutating means one of its forms changes things.
            canChange.ShouldBe(spec.Mutating, $"`{spec.Name}`: Mutating (its examples should show the form that changes things)");
            canBeHeld.ShouldBe(spec.MayNeedApproval, $"`{spec.Name}`: MayNeedApproval (its examples should show the form that can be held)");
        }
    }
}
