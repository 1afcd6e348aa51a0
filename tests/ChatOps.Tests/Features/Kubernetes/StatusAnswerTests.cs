using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Kubernetes;

/// <summary>
/// The whole <c>status</c> answer, pinned: the plain text the console and the audit show (conditions with and without
/// a reason, the HPA, the pods table last), and the fields a card draws from the same values.
/// </summary>
public sealed class StatusAnswerTests
{
    [Fact]
    public async Task Status_TextAndFields_SayTheSameThing_WithTheTableLast()
    {
        await using var bot = TestBot.Create();
        bot.Kube.Hpa = new HpaView("web", "web", 2, 10, 3, 3, "cpu 41%/70%");
        bot.Kube.Statuses.Enqueue(FakeKubernetes.Deployment() with
        {
            Conditions = [new("Available", "True", "MinimumReplicasAvailable", null), new("Progressing", "True", null, null)],
        });

        var result = await bot.RunAsync("alice", "status web --cluster staging");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        var lines = result.Text.Split('\n');
        lines[0].ShouldBe("deployment web in default on cluster staging: 3 desired, 3 updated, 3 ready, 3 available; revision 3 (registry/web:3)");
        lines[1].ShouldBe("conditions: Available=True (MinimumReplicasAvailable), Progressing=True");
        lines[3].ShouldBe("HPA web (min 2, max 10, current 3, cpu 41%/70%)");
        lines[4].ShouldStartWith("POD");
        lines[5].ShouldStartWith("web-3-abcde  Running  1/1    2");
        lines.Length.ShouldBe(6, "the table ends the text");
        result.Fields.Single(f => f.Name == "Conditions").Value.ShouldBe("Available=True (MinimumReplicasAvailable), Progressing=True");
        result.Fields.Single(f => f.Name == "Replicas").Value.ShouldBe("3 desired / 3 updated / 3 ready / 3 available");
        result.Tables.ShouldHaveSingleItem().Rows.ShouldHaveSingleItem().ShouldBe(["web-3-abcde", "Running", "1/1", "2", lines[5].Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]]);
    }
}
