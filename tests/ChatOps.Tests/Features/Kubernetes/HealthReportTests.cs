using ChatOps.Bot.Features.Kubernetes;

namespace ChatOps.Tests.Features.Kubernetes;

/// <summary>The three shapes of health answer the runbooks' services give (seeds 000, 001, 004) and ASP.NET Core's.</summary>
public sealed class HealthReportTests
{
    [Fact]
    public void Actuator_NestedComponents_AreNamedByTheirPath_AndADownOneDegradesAnUpVerdict()
    {
        var report = HealthReport.Parse(200, """
            {"status":"UP","components":{"db":{"status":"UP","components":{"primary":{"status":"UP"},"replica":{"status":"OUT_OF_SERVICE"}}},"ping":{"status":"UP"}}}
            """);

        report.Verdict.ShouldBe(HealthVerdict.Degraded);
        report.Components.Select(c => $"{c.Name}:{c.Verdict}").ShouldBe(["db:Up", "db/primary:Up", "db/replica:Down", "ping:Up"]);
    }

    [Fact]
    public void AspNetCore_Entries_WithDescriptionDurationAndData()
    {
        var report = HealthReport.Parse(200, """
            {"status":"Degraded","totalDuration":"00:00:00.0123","entries":{"sql":{"data":{"server":"db1"},"description":"slow","duration":"00:00:00.0100","status":"Degraded","tags":["db"]}}}
            """);

        report.Verdict.ShouldBe(HealthVerdict.Degraded);
        report.Components.Single().ShouldBe(new HealthComponent("sql", HealthVerdict.Degraded, "Degraded", "server=db1, description=slow, duration=00:00:00.0100"));
    }

    [Fact]
    public void AspNetCore_ResultsAsAnArray_AndSeed004sChecks()
    {
        HealthReport.Parse(200, """{"status":"Healthy","results":[{"name":"redis","status":"Unhealthy","description":"timeout"}]}""")
            .Components.Single().ShouldBe(new HealthComponent("redis", HealthVerdict.Down, "Unhealthy", "description=timeout"));
        var seed004 = HealthReport.Parse(200, """
            {"status":"healthy","timestamp":"2024-01-15T10:30:00Z","version":"1.1.0","checks":{"database":{"status":"healthy","response_time":"2ms"},"redis":{"status":"healthy","response_time":"1ms"}}}
            """);
        seed004.Verdict.ShouldBe(HealthVerdict.Up);
        seed004.Components.Select(c => $"{c.Name}={c.Details}").ShouldBe(["database=response_time=2ms", "redis=response_time=1ms"]);
    }

    [Theory]
    [InlineData(200, "OK", HealthVerdict.Up, "body is not JSON: OK")]
    [InlineData(503, "Service Unavailable", HealthVerdict.Down, "body is not JSON: Service Unavailable")]
    [InlineData(200, "", HealthVerdict.Up, "empty body")]
    [InlineData(200, "[1,2]", HealthVerdict.Up, "JSON without a \"status\": the verdict is the HTTP status's")]
    public void Plain_TheHttpStatusDecides(int status, string body, HealthVerdict verdict, string note)
    {
        var report = HealthReport.Parse(status, body);

        report.Verdict.ShouldBe(verdict);
        report.Note.ShouldBe(note);
    }

    [Fact]
    public void A503SayingUp_IsDown()
    {
        HealthReport.Parse(503, """{"status":"UP"}""").Verdict.ShouldBe(HealthVerdict.Down);
    }
}
