using ChatOps.Bot.Diagnostics;
using ChatOps.Bot.Hosting;

namespace ChatOps.Tests.Hosting;

public sealed class MeterAdapterFilterTests
{
    [Theory]
    [InlineData("Microsoft.AspNetCore.Hosting")]
    [InlineData("Microsoft.AspNetCore.Server.Kestrel")]
    [InlineData("Microsoft.AspNetCore.Diagnostics")]
    [InlineData("System.Net.Http")]
    [InlineData("System.Runtime")]
    public void TheAdapter_CopiesWhatAnOperatorReads(string meter) => MetricsServices.AdapterCopies(meter).ShouldBeTrue();

    [Theory]
    [InlineData(ChatOpsMetrics.MeterName)]
    [InlineData("Microsoft.AspNetCore.MemoryPool")]
    [InlineData("Microsoft.AspNetCore.Routing")]
    [InlineData("Private.InternalDiagnostics.System.Net.Quic.MsQuic")]
    [InlineData("private.InternalDiagnostics.System.Net.Sockets")]
    public void TheAdapter_LeavesOurOwnMeter_AndThePerRequestInternals(string meter) => MetricsServices.AdapterCopies(meter).ShouldBeFalse();
}
