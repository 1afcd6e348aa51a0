using System.Net;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Bot.Infrastructure.Kubernetes;
using k8s.Autorest;

namespace ChatOps.Tests.Infrastructure.Kubernetes;

/// <summary>A 400 from the API server is told as what it was: a refused change for a write, a rejected read for a read.</summary>
public sealed class KubeCallsTests
{
    private static readonly KubeTarget Target = new("prod-eks", "urbanos");
    private const string Status = """{"kind":"Status","message":"unable to parse requirement: invalid label value"}""";

    private static Task<int> Failing(HttpStatusCode code, string verb) =>
        KubeCalls.Run<int>(Target, TimeSpan.FromSeconds(5), new KubeCalls.Action(verb, "pods", "pods of deployment web"), _ =>
        {
            using var response = new HttpResponseMessage(code);
            throw new HttpOperationException("Operation returned an invalid status code")
            {
                Response = new HttpResponseMessageWrapper(response, Status),
            };
        }, CancellationToken.None);

    [Theory]
    [InlineData("list")]
    [InlineData("get")]
    public async Task ABadRequestOnARead_SaysTheReadWasRejected_AndNothingChanged(string verb)
    {
        var failure = await Should.ThrowAsync<KubernetesFailure>(() => Failing(HttpStatusCode.BadRequest, verb));

        failure.Kind.ShouldBe(KubernetesFailureKind.Invalid);
        failure.Message.ShouldBe(
            "cluster prod-eks rejected the request for pods of deployment web: unable to parse requirement: invalid label value; nothing was changed");
    }

    [Theory]
    [InlineData("patch", HttpStatusCode.BadRequest)]
    [InlineData("patch", HttpStatusCode.UnprocessableEntity)]
    public async Task ABadRequestOnAWrite_IsARefusedChange(string verb, HttpStatusCode code)
    {
        var failure = await Should.ThrowAsync<KubernetesFailure>(() => Failing(code, verb));

        failure.Kind.ShouldBe(KubernetesFailureKind.Invalid);
        failure.Message.ShouldBe("cluster prod-eks refused the change: unable to parse requirement: invalid label value");
    }
}
