using System.Buffers.Binary;
using System.Diagnostics;
using Confluent.Kafka;
using MultiAgent.Runtime.Kafka;

namespace MultiAgent.Benchmarks.Streams;

/// <summary>
/// One group consumer counting messages and, if asked, reporting each one's send timestamp (the first 8 bytes of
/// its value) against its arrival. Ready once the group has assigned it partitions.
/// </summary>
internal sealed class CountingConsumer : IAsyncDisposable
{
    private readonly Action<long, long>? _latency;
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GroupConsumer<Ignore, byte[]>? _consumer;
    private int _count;
    private int _target = int.MaxValue;

    private CountingConsumer(Action<long, long>? latency) => _latency = latency;

    /// <summary>When the message that completed the count arrived (a <see cref="Stopwatch"/> timestamp).</summary>
    public long ReachedAt { get; private set; }

    /// <summary>Subscribes and waits for the partition assignment; <paramref name="latency"/> gets (sent, arrived) timestamps.</summary>
    public static async Task<CountingConsumer> StartAsync(string bootstrapServers, string topic, Action<long, long>? latency, CancellationToken cancellationToken)
    {
        var config = KafkaClientDefaults.Consumer(bootstrapServers, $"{topic}.group", "bench-raw-consumer");
        config.FetchWaitMaxMs = 1;
        var counting = new CountingConsumer(latency);
        counting._consumer = await GroupConsumer<Ignore, byte[]>.StartAsync(config, topic, counting.OnMessage, counting.OnFault, cancellationToken);
        return counting;
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

    public ValueTask DisposeAsync() => _consumer?.DisposeAsync() ?? ValueTask.CompletedTask;

    private void OnMessage(ConsumeResult<Ignore, byte[]> result)
    {
        var arrived = Stopwatch.GetTimestamp();
        _latency?.Invoke(BinaryPrimitives.ReadInt64LittleEndian(result.Message.Value), arrived);
        if (Interlocked.Increment(ref _count) >= Volatile.Read(ref _target) && !_reached.Task.IsCompleted)
        {
            ReachedAt = arrived;
            _reached.TrySetResult();
        }
    }

    private void OnFault(Exception e) => _reached.TrySetException(e);
}
