using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// The scheduler's and kubelet's events for a pod, read off the same timeline <see cref="Kubelet"/> derives the pod's
/// status from: each event carries the moment its step happened, however late a resync notices it.
/// </summary>
public sealed class PodEvents(EventRecorder recorder, SimTiming timing)
{
    public void Observe(JsonObject pod, DateTimeOffset now)
    {
        var created = Kubelet.Created(pod);
        var scheduled = created + timing.Scheduling;
        var node = pod.Str("spec", "nodeName");
        if (now < scheduled || node is null)
        {
            return;
        }

        var uid = pod.Str("metadata", "uid");
        var name = $"{pod.Str("metadata", "namespace")}/{pod.Str("metadata", "name")}";
        recorder.Once($"{uid}/Scheduled", pod, EventRecorder.Normal, "Scheduled", $"Successfully assigned {name} to {node}", scheduled, "default-scheduler");
        var started = scheduled + timing.ContainerStart;
        foreach (var container in pod["spec"]?["containers"] as JsonArray ?? [])
        {
            var c = container!.Str("name")!;
            var image = container.Str("image") ?? string.Empty;
            var path = $"spec.containers{{{c}}}";
            recorder.Once($"{uid}/{c}/Pulling", pod, EventRecorder.Normal, "Pulling", $"Pulling image \"{image}\"", scheduled, "kubelet", path);
            if (timing.IsBadImage(image))
            {
                recorder.Once($"{uid}/{c}/Failed", pod, EventRecorder.Warning, "Failed",
                    $"Failed to pull image \"{image}\": rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": not found", scheduled, "kubelet", path);
                recorder.Once($"{uid}/{c}/ErrImagePull", pod, EventRecorder.Warning, "Failed", "Error: ErrImagePull", scheduled, "kubelet", path);
                if (now >= scheduled + timing.PullBackOff)
                {
                    var backOff = scheduled + timing.PullBackOff;
                    recorder.Once($"{uid}/{c}/BackOff", pod, EventRecorder.Normal, "BackOff", $"Back-off pulling image \"{image}\"", backOff, "kubelet", path);
                    recorder.Once($"{uid}/{c}/ImagePullBackOff", pod, EventRecorder.Warning, "Failed", "Error: ImagePullBackOff", backOff, "kubelet", path);
                }
            }
            else if (now >= started)
            {
                recorder.Once($"{uid}/{c}/Pulled", pod, EventRecorder.Normal, "Pulled",
                    string.Create(CultureInfo.InvariantCulture, $"Successfully pulled image \"{image}\" in {timing.ContainerStart.TotalSeconds:0.###}s"), started, "kubelet", path);
                recorder.Once($"{uid}/{c}/Created", pod, EventRecorder.Normal, "Created", $"Created container {c}", started, "kubelet", path);
                recorder.Once($"{uid}/{c}/Started", pod, EventRecorder.Normal, "Started", $"Started container {c}", started, "kubelet", path);
            }
        }
    }
}
