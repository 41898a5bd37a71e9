using System.Collections.Concurrent;
using Confluent.Kafka;
using MultiAgent.Runtime.Kafka;

namespace MultiAgent.Tests.Kafka;

/// <summary>
/// A group consumer polling on its own thread (Consume blocks, and rebalances only progress while it polls),
/// collecting what it receives and publishing its current assignment for the test thread to read.
/// </summary>
internal sealed class ConsumerLoop : IAsyncDisposable
{
    public const int SessionTimeoutMs = 4_000;

    private readonly IConsumer<string, string> _consumer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
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
        _consumer = new ConsumerBuilder<string, string>(config).Build();
        _consumer.Subscribe(topic);
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public ConcurrentQueue<ConsumeResult<string, string>> Received { get; } = new();

    /// <summary>The partitions this member holds now.</summary>
    public IReadOnlyList<TopicPartition> Assignment => _assignment;

    /// <summary>The first error the loop hit, if any (a test asserts there is none).</summary>
    public Exception? Fault { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = _consumer.Consume(TimeSpan.FromMilliseconds(50));
                _assignment = _consumer.Assignment.ToArray();
                if (result is { IsPartitionEOF: false, Message: not null })
                {
                    Received.Enqueue(result);
                }
            }
        }
        catch (Exception e) when (e is KafkaException or InvalidOperationException)
        {
            Fault = e;
        }
    }
}
