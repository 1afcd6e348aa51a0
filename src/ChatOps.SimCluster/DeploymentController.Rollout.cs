using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>The rollout strategies: how the new ReplicaSet grows and the old ones shrink, and old revisions are pruned.</summary>
public sealed partial class DeploymentController
{
    /// <summary>rolloutRolling (or rolloutRecreate): one scaling decision per step, so each one sees fresh counts.</summary>
    private bool Roll(JsonObject d, JsonObject newRs, List<JsonObject> olds)
    {
        var desired = d.Num("spec", "replicas") ?? 1;
        var newReplicas = Replicas(newRs);
        if (Fenceposts.IsRecreate(d))
        {
            if (olds.Any(rs => Replicas(rs) > 0))
            {
                olds.Where(rs => Replicas(rs) > 0).ToList().ForEach(rs => Scale(rs, 0));
                return true;
            }

            return olds.All(rs => (rs.Num("status", "replicas") ?? 0) == 0) && newReplicas != desired && Scale(newRs, desired);
        }

        var (surge, _) = Fenceposts.Resolve(d);
        var all = olds.Append(newRs).ToList();
        if (newReplicas > desired)
        {
            return Scale(newRs, desired);
        }

        var room = desired + surge - all.Sum(Replicas);
        if (newReplicas < desired && room > 0)
        {
            return Scale(newRs, newReplicas + Math.Min(room, desired - newReplicas));
        }

        return ScaleDownOld(d, newRs, olds);
    }

    /// <summary>reconcileOldReplicaSets: unhealthy old pods first, then healthy ones while availability allows.</summary>
    private bool ScaleDownOld(JsonObject d, JsonObject newRs, List<JsonObject> olds)
    {
        if (olds.Sum(Replicas) == 0)
        {
            return false;
        }

        var minAvailable = (d.Num("spec", "replicas") ?? 1) - Fenceposts.MaxUnavailable(d);
        var newUnavailable = Replicas(newRs) - (newRs.Num("status", "availableReplicas") ?? 0);
        var maxScaledDown = olds.Sum(Replicas) + Replicas(newRs) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
        {
            return false;
        }

        var changed = false;
        var cleaned = 0L;
        var target = olds.ToDictionary(rs => rs.Str("metadata", "uid")!, Replicas);
        foreach (var rs in olds)
        {
            var unhealthy = Replicas(rs) - (rs.Num("status", "availableReplicas") ?? 0);
            if (cleaned >= maxScaledDown || Replicas(rs) == 0 || unhealthy <= 0)
            {
                continue;
            }

            var n = Math.Min(maxScaledDown - cleaned, unhealthy);
            target[rs.Str("metadata", "uid")!] -= n;
            cleaned += n;
        }

        var available = olds.Append(newRs).Sum(rs => rs.Num("status", "availableReplicas") ?? 0);
        var scaleDown = available - minAvailable;
        foreach (var rs in olds)
        {
            var uid = rs.Str("metadata", "uid")!;
            if (scaleDown <= 0)
            {
                break;
            }

            var n = Math.Min(target[uid], scaleDown);
            target[uid] -= n;
            scaleDown -= n;
        }

        foreach (var rs in olds.Where(rs => target[rs.Str("metadata", "uid")!] != Replicas(rs)))
        {
            changed |= Scale(rs, target[rs.Str("metadata", "uid")!]);
        }

        return changed;
    }

    /// <summary>A paused deployment does not roll, but a replica change still reaches a ReplicaSet that is alone.</summary>
    private bool ScaleWhilePaused(JsonObject d, JsonObject newRs, List<JsonObject> olds) =>
        olds.All(rs => Replicas(rs) == 0) && Replicas(newRs) != (d.Num("spec", "replicas") ?? 1) && Scale(newRs, d.Num("spec", "replicas") ?? 1);

    /// <summary>cleanupDeployment: once complete, ReplicaSets at 0 beyond revisionHistoryLimit go, oldest revision first.</summary>
    private bool PruneHistory(JsonObject d, JsonObject newRs, List<JsonObject> olds)
    {
        var desired = d.Num("spec", "replicas") ?? 1;
        var complete = Replicas(newRs) == desired && (newRs.Num("status", "availableReplicas") ?? 0) == desired
            && olds.All(rs => Replicas(rs) == 0 && (rs.Num("status", "replicas") ?? 0) == 0);
        var excess = olds.Count - (d.Num("spec", "revisionHistoryLimit") ?? 10);
        if (!complete || excess <= 0)
        {
            return false;
        }

        foreach (var rs in olds.OrderBy(Revision).Take((int)excess))
        {
            store.Delete(RsKey(rs));
        }

        return true;
    }

    private bool Scale(JsonObject rs, long replicas)
    {
        if (Replicas(rs) == replicas)
        {
            return false;
        }

        Events.Scaled(rs, Replicas(rs), replicas, store.Clock.GetUtcNow());
        rs.Obj("spec")["replicas"] = replicas;
        store.Replace(RsKey(rs), rs);
        return true;
    }
}
