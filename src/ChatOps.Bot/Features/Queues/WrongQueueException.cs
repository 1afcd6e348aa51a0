namespace ChatOps.Bot.Features.Queues;

/// <summary>
/// The broker would resolve the queue name the user typed to a different object (another queue whose name the broker
/// maps to the same key, or a listing the name's path steps reach), so the operation was refused before it touched
/// anything. The message names both the requested queue and what it would have reached. Its own type because a purge
/// must tell it from an outage: this one is always thrown before the purge is sent.
/// </summary>
public sealed class WrongQueueException(string broker, string requested, string actual, string why)
    : PortFailure($"refused: on broker {broker} the name '{QueueText.Short(requested)}' reaches {actual}, not queue '{QueueText.Short(requested)}' ({why})")
{
    public string Requested => requested;

    public string Actual => actual;
}
