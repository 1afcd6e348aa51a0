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
