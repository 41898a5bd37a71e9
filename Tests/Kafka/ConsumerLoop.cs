using System.Collections.Concurrent;
using Confluent.Kafka;
using MultiAgent.Runtime.Kafka;

namespace MultiAgent.Tests.Kafka;

/// <summary>
/// A group consumer polling on its own thread (<see cref="ConsumerPollLoop{TKey, TValue}"/>), collecting what it
/// receives and publishing its current assignment for the test thread to read.
/// </summary>
internal sealed class ConsumerLoop : IAsyncDisposable
{
    public const int SessionTimeoutMs = 4_000;

    private readonly ConsumerPollLoop<string, string> _loop;
    private volatile IReadOnlyList<TopicPartition> _assignment = [];

    public ConsumerLoop(string bootstrapServers, string groupId, string topic)
    {
        var config = KafkaClientDefaults.Consumer(bootstrapServers, groupId, clientId: $"test-{groupId}");
        config.EnableAutoCommit = true;
        config.EnableAutoOffsetStore = true;

        // The mock waits (session timeout - 1 s) for members to rejoin in a rebalance and drops a silent member
        // after the session timeout, so shorter is faster; but its first join of a group takes 3 s, and a member
        // whose session times out meanwhile never gets in. (Real brokers refuse below 6 s by default.)
        config.SessionTimeoutMs = SessionTimeoutMs;
        config.HeartbeatIntervalMs = 500;
        _loop = new ConsumerPollLoop<string, string>(config, topic, TimeSpan.FromMilliseconds(50), OnPoll, e => Fault = e);
    }

    public ConcurrentQueue<ConsumeResult<string, string>> Received { get; } = new();

    /// <summary>The partitions this member holds now.</summary>
    public IReadOnlyList<TopicPartition> Assignment => _assignment;

    /// <summary>The first error the loop hit, if any (a test asserts there is none).</summary>
    public Exception? Fault { get; private set; }

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private void OnPoll(IConsumer<string, string> consumer, ConsumeResult<string, string>? result)
    {
        _assignment = consumer.Assignment.ToArray();
        if (result is { IsPartitionEOF: false, Message: not null })
        {
            Received.Enqueue(result);
        }
    }
}
