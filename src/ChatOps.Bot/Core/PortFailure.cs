namespace ChatOps.Bot.Core;

/// <summary>
/// An expected failure of a port: the cluster, broker or database is down, refuses, or does not have what was asked
/// for. Its message is the one-line answer the user gets, so an adapter must never put a credential or a connection
/// string in it. <c>ExceptionMappingBehavior</c> turns it into <see cref="Answer"/> for every command, and
/// <c>AuditBehavior</c> audits that same answer; a handler catches it only to say something the port cannot know.
/// Unsealed so a caller that must tell one failure apart (a conflict to retry, a name that reaches another queue)
/// has a subclass to catch.
/// </summary>
public class PortFailure(string message, Exception? inner = null) : Exception(message, inner)
{
    public OperationResult Answer => OperationResult.Failure(Message);

    /// <summary>The same failure with <paramref name="note"/> appended to its answer.</summary>
    public PortFailure WithNote(string note) => new(Message + note, this);
}
