using System.Buffers.Binary;
using System.Diagnostics;
using Confluent.Kafka;
using MultiAgent.Runtime.Kafka;

namespace MultiAgent.Benchmarks.Streams;

/// <summary>
/// One group consumer polling on its own thread, counting messages and, if asked, reporting each one's send
/// timestamp (the first 8 bytes of its value) against its arrival. Ready once the group has assigned it partitions.
/// </summary>
internal sealed class CountingConsumer : IAsyncDisposable
{
    private static readonly TimeSpan AssignTimeout = TimeSpan.FromSeconds(30);

    private readonly Action<long, long>? _latency;
    private readonly TaskCompletionSource _assigned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConsumerPollLoop<Ignore, byte[]> _loop;
    private int _count;
    private int _target = int.MaxValue;

    private CountingConsumer(string bootstrapServers, string topic, Action<long, long>? latency)
    {
        var config = KafkaClientDefaults.Consumer(bootstrapServers, $"{topic}.group", "bench-raw-consumer");
        config.FetchWaitMaxMs = 1;
        _latency = latency;
        _loop = new ConsumerPollLoop<Ignore, byte[]>(config, topic, TimeSpan.FromMilliseconds(100), OnPoll, OnFault);
    }

    /// <summary>When the message that completed the count arrived (a <see cref="Stopwatch"/> timestamp).</summary>
    public long ReachedAt { get; private set; }

    /// <summary>Subscribes and waits for the partition assignment; <paramref name="latency"/> gets (sent, arrived) timestamps.</summary>
    public static async Task<CountingConsumer> StartAsync(string bootstrapServers, string topic, Action<long, long>? latency, CancellationToken cancellationToken)
    {
        var consumer = new CountingConsumer(bootstrapServers, topic, latency);
        try
        {
            await consumer._assigned.Task.WaitAsync(AssignTimeout, cancellationToken);
            return consumer;
        }
        catch
        {
            await consumer.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until <paramref name="messages"/> have arrived in all.</summary>
    public Task WaitForAsync(int messages, CancellationToken cancellationToken)
    {
        // Target first, then the count: whichever side moves last sees the other (no lost wake-up).
        Interlocked.Exchange(ref _target, messages);
        if (Volatile.Read(ref _count) >= messages)
        {
            _reached.TrySetResult();
        }

        return _reached.Task.WaitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private void OnPoll(IConsumer<Ignore, byte[]> consumer, ConsumeResult<Ignore, byte[]>? result)
    {
        if (result?.Message is not { } message)
        {
            if (!_assigned.Task.IsCompleted && consumer.Assignment.Count > 0)
            {
                _assigned.TrySetResult();
            }

            return;
        }

        var arrived = Stopwatch.GetTimestamp();
        _latency?.Invoke(BinaryPrimitives.ReadInt64LittleEndian(message.Value), arrived);
        if (Interlocked.Increment(ref _count) >= Volatile.Read(ref _target) && !_reached.Task.IsCompleted)
        {
            ReachedAt = arrived;
            _reached.TrySetResult();
        }
    }

    private void OnFault(Exception e)
    {
        _assigned.TrySetException(e);
        _reached.TrySetException(e);
    }
}
