namespace ChatOps.Bot.Infrastructure.Queues;

/// <summary>The JMX object names ActiveMQ registers its broker and queues under.</summary>
internal static class ActiveMqNames
{
    /// <summary>The broker-wide dead-letter queue of ActiveMQ's default (shared) dead-letter strategy.</summary>
    public const string SharedDeadLetterQueue = "ActiveMQ.DLQ";

    public static string Broker(BrokerOptions b) => $"org.apache.activemq:type=Broker,brokerName={Encode(b.BrokerName)}";

    public static string Queue(BrokerOptions b, string queue) => $"{Broker(b)},destinationType=Queue,destinationName={Encode(queue)}";

    /// <summary>Every queue of the broker: a JMX pattern Jolokia answers with one value per matching MBean.</summary>
    public static string AllQueues(BrokerOptions b) => $"{Broker(b)},destinationType=Queue,destinationName=*";

    /// <summary>
    /// The dead-letter queues a queue's messages may go to, most specific first: <c>&lt;q&gt;.DLQ</c> (the usual
    /// individual strategy with queueSuffix .DLQ), ActiveMQ's default individual name <c>ActiveMQ.DLQ.Queue.&lt;q&gt;</c>,
    /// then the shared <c>ActiveMQ.DLQ</c>. None is asked for a queue that is itself one of them.
    /// </summary>
    public static IReadOnlyList<string> DeadLetterCandidates(string queue) =>
        queue == SharedDeadLetterQueue || queue.EndsWith(".DLQ", StringComparison.Ordinal) || queue.StartsWith("ActiveMQ.DLQ.", StringComparison.Ordinal)
            ? []
            : [$"{queue}.DLQ", $"ActiveMQ.DLQ.Queue.{queue}", SharedDeadLetterQueue];

    /// <summary>
    /// ActiveMQ registers a name with the characters JMX gives a meaning to replaced (JMXSupport.encodeObjectNamePart
    /// in 5.17: <c>: , ' "</c> become <c>_</c>, <c>?</c> <c>&amp;qe;</c>, <c>=</c> <c>&amp;amp;</c>, <c>*</c> <c>&amp;ast;</c>)
    /// rather than quoting the value, so a queue is looked up the same way. The replacement is lossy, which is why
    /// names shown to users come from the MBean's Name attribute, never from the object name.
    /// </summary>
    public static string Encode(string part)
    {
        var sb = new StringBuilder(part.Length);
        foreach (var c in part)
        {
            sb.Append(c switch
            {
                ':' or ',' or '\'' or '"' => "_",
                '?' => "&qe;",
                '=' => "&amp;",
                '*' => "&ast;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
