using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Bot.Infrastructure.Kubernetes;
using k8s.Models;

namespace ChatOps.Tests.Infrastructure.Kubernetes;

public sealed class KubeViewsTests
{
    [Fact]
    public void AReplicaSet_RunsItsDeploymentsTemplate_HashLabelAside_AndTheAnswerFollowsANewDeploymentObject()
    {
        var replicaSet = Template("web:1.4", hash: "7c9f");
        var current = Template("web:1.4");
        var rolledOn = Template("web:1.5");

        KubeViews.RunsTemplateOf(replicaSet, current).ShouldBeTrue();
        KubeViews.RunsTemplateOf(replicaSet, current).ShouldBeTrue("remembered for the same pair of objects");
        KubeViews.RunsTemplateOf(replicaSet, rolledOn).ShouldBeFalse("a new deployment object is compared afresh");
        KubeViews.RunsTemplateOf(replicaSet, Template("web:1.4")).ShouldBeTrue("and so is the old template read again");
        KubeViews.RunsTemplateOf(Template("web:1.5", hash: "81aa"), rolledOn).ShouldBeTrue();
    }

    [Fact]
    public void APod_CountsItsReadyContainersAndAllRestarts_AndShowsTheFirstWaitingReason()
    {
        var created = new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Unspecified);
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web-7c9f-abcde", CreationTimestamp = created },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "web" }, new V1Container { Name = "proxy" }, new V1Container { Name = "log" }] },
            Status = new V1PodStatus
            {
                Phase = "Running",
                ContainerStatuses =
                [
                    Status("web", ready: true, restarts: 2, waiting: null),
                    Status("proxy", ready: false, restarts: 5, waiting: "CrashLoopBackOff"),
                    Status("log", ready: true, restarts: 0, waiting: "ImagePullBackOff"),
                ],
            },
        };

        KubeViews.Pod(pod).ShouldBe(new("web-7c9f-abcde", "Running", 2, 3, 7, new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero), "CrashLoopBackOff"));
        KubeViews.Pod(new V1Pod { Metadata = new V1ObjectMeta { Name = "new" } }).ShouldBe(new("new", "Unknown", 0, 0, 0, null, null));
    }

    private static V1ContainerStatus Status(string name, bool ready, int restarts, string? waiting) => new()
    {
        Name = name,
        Ready = ready,
        RestartCount = restarts,
        State = waiting is null ? new V1ContainerState { Running = new V1ContainerStateRunning() } : new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = waiting } },
    };

    private static V1PodTemplateSpec Template(string image, string? hash = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Labels = hash is null
                ? new Dictionary<string, string> { ["app"] = "web" }
                : new Dictionary<string, string> { ["app"] = "web", [KubeViews.HashLabel] = hash },
        },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = image }] },
    };
}
