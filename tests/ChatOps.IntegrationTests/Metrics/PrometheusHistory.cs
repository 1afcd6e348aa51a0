using System.Globalization;

namespace ChatOps.IntegrationTests.Metrics;

/// <summary>
/// The history scripts/services.sh (prometheus_history) backfilled into the test Prometheus, as functions of time:
/// the two pods of deployment urbanos-service-billing in namespace urbanos, summed as the default queries sum them.
/// Decoys (a billing-worker pod, the same pod name in namespace other) carry values no correct selector can reach.
/// </summary>
public static class PrometheusHistory
{
    public const string Variable = "CHATOPS_TEST_PROMETHEUS";

    public const string Namespace = "urbanos";

    public const string Deployment = "urbanos-service-billing";

    private const double MiB = 1024 * 1024;

    public static string Url => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url
        ? url
        : throw new InvalidOperationException($"{Variable} is not set: run the integration tests through scripts/test.sh (scripts/services.sh starts Prometheus with backfilled history)");

    /// <summary>The last sample's time: a whole minute, in the past.</summary>
    public static DateTimeOffset End => DateTimeOffset.FromUnixTimeSeconds(
        long.Parse(Environment.GetEnvironmentVariable(Variable + "_END") ?? throw new InvalidOperationException($"{Variable}_END is not set"), CultureInfo.InvariantCulture));

    /// <summary>0.25 cores per pod, all along.</summary>
    public static double Cpu(DateTimeOffset at) => 0.5;

    public static double Memory(DateTimeOffset at) => (100 + (at < End.AddMinutes(-30) ? 200 : 400)) * MiB;

    public static double Restarts(DateTimeOffset at) => 1 + (at < End.AddMinutes(-20) ? 0 : 3);
}
