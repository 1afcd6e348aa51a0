using System.Globalization;
using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Kubernetes.Metrics;
using ChatOps.Bot.Features.Silences;
using Microsoft.Extensions.Configuration;

namespace ChatOps.Tests.Core;

public sealed class OptionsErrorsTests
{
    [Theory]
    [InlineData("00:00:01")]
    [InlineData("00:00:10")]
    [InlineData("00:05:00")]
    public void RequestTimeout_FromOneSecondToFiveMinutes_IsAccepted(string value)
    {
        var e = new OptionsErrors();

        e.RequestTimeout(TimeSpan.Parse(value, CultureInfo.InvariantCulture), "ChatOps:X:RequestTimeout");

        e.Result.Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData("00:00:00.5000000")]
    [InlineData("00:05:00.0010000")]
    [InlineData("01:00:00")]
    public void RequestTimeout_OutsideOneSecondToFiveMinutes_NamesTheKeyAndTheValue(string value)
    {
        var e = new OptionsErrors();

        e.RequestTimeout(TimeSpan.Parse(value, CultureInfo.InvariantCulture), "ChatOps:X:RequestTimeout");

        e.Result.Failures.ShouldBe([$"ChatOps:X:RequestTimeout: {value} must be between 00:00:01 and 00:05:00"]);
    }

    [Fact]
    public void RemoteApiValidators_CheckEachServersRequestTimeout()
    {
        var configuration = new ConfigurationBuilder().Build();
        var slow = TimeSpan.FromMinutes(10);
        var prometheus = new PrometheusOptions();
        prometheus.Prometheus["main"] = new PrometheusServer { Url = "http://prometheus:9090", RequestTimeout = slow };
        var alertmanagers = new AlertmanagerTargetOptions();
        alertmanagers.Alertmanagers["main"] = new AlertmanagerTarget { Url = "http://alertmanager:9093", RequestTimeout = slow };

        var failures = (new PrometheusOptionsValidator(configuration).Validate(null, prometheus).Failures ?? [])
            .Concat(new AlertmanagerTargetOptionsValidator(configuration).Validate(null, alertmanagers).Failures ?? []);

        failures.ShouldBe([
            "ChatOps:Prometheus:main:RequestTimeout: 00:10:00 must be between 00:00:01 and 00:05:00",
            "ChatOps:Alertmanagers:main:RequestTimeout: 00:10:00 must be between 00:00:01 and 00:05:00",
        ]);
    }
}
