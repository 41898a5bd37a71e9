using System.Text;
using Confluent.Kafka;

namespace MultiAgent.Runtime.Streams.Kafka;

/// <summary>Header names on stream messages and dead letters.</summary>
internal static class KafkaHeaders
{
    public const string EventType = "ma-event-type";
    public const string TraceParent = "traceparent";
    public const string DeadLetterReason = "dlq-reason";
    public const string DeadLetterTopic = "dlq-topic";
    public const string DeadLetterPartition = "dlq-partition";
    public const string DeadLetterOffset = "dlq-offset";
    public const string DeadLetterAttempts = "dlq-attempts";

    public static string? Get(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    public static void Set(Headers headers, string name, string? value)
    {
        if (value is not null)
        {
            headers.Add(name, Encoding.UTF8.GetBytes(value));
        }
    }
}
