using System.Text.Json;
using Confluent.Kafka;
using MultiAgent.Benchmarks.Streams;
using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime.Kafka;
using MultiAgent.Runtime.Streams.Kafka;

namespace MultiAgent.Benchmarks.Fleet;

/// <summary>
/// An outside consumer of the Kafka topic <c>task-completions</c>, as a warehouse system would read it: every
/// <see cref="TaskCompleted"/> counted once per task (delivery is at-least-once), kept with its order's timestamps
/// (created, assigned, completed) for the latency and throughput figures. Other events (task failures) are counted.
/// </summary>
internal sealed class CompletionTracker : IAsyncDisposable
{
    private static readonly string CompletedType = typeof(TaskCompleted).FullName!;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, TaskCompleted> _byOrder = new(StringComparer.Ordinal);
    private readonly List<TaskCompleted> _inArrivalOrder = [];
    private DateTimeOffset _latest = DateTimeOffset.MinValue;
    private Exception? _fault;
    private long _repeats;
    private long _otherEvents;
    private GroupConsumer<Ignore, byte[]>? _consumer;

    private CompletionTracker()
    {
    }

    /// <summary>Distinct tasks completed so far.</summary>
    public long Completed
    {
        get
        {
            lock (_gate)
            {
                return _byOrder.Count;
            }
        }
    }

    /// <summary>Completions of a task seen before (redeliveries, republishing after a crash): not counted again.</summary>
    public long Repeats => Interlocked.Read(ref _repeats);

    /// <summary>Events on the topic that are not completions (failures, requeues).</summary>
    public long OtherEvents => Interlocked.Read(ref _otherEvents);

    /// <summary>Subscribes and waits until the group has assigned this consumer its partitions.</summary>
    public static async Task<CompletionTracker> StartAsync(string bootstrapServers, CancellationToken cancellationToken)
    {
        var config = KafkaClientDefaults.Consumer(bootstrapServers, $"fleet-bench-completions-{Guid.NewGuid():N}", "fleet-bench-completions");
        config.FetchWaitMaxMs = 1; // completions are timestamped by the silo: the fetch wait only delays when we see them
        var tracker = new CompletionTracker();
        tracker._consumer = await GroupConsumer<Ignore, byte[]>.StartAsync(config, FleetTopics.TaskCompletions, tracker.OnMessage, tracker.OnFault, cancellationToken);
        return tracker;
    }

    public bool TryGet(string orderId, out TaskCompleted completed)
    {
        lock (_gate)
        {
            return _byOrder.TryGetValue(orderId, out completed!);
        }
    }

    /// <summary>The distinct completions whose <see cref="TaskCompleted.CompletedAt"/> (the robot's clock) lies in [from, to).</summary>
    public IReadOnlyList<TaskCompleted> CompletedBetween(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate)
        {
            return _inArrivalOrder.Where(c => c.CompletedAt >= from && c.CompletedAt < to).ToList();
        }
    }

    /// <summary>The latest completion time seen: once past a window's end, completions inside it have (almost all) arrived.</summary>
    public DateTimeOffset LatestCompletedAt
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>Throws the consumer's fault, if it stopped on one.</summary>
    public void ThrowIfFaulted()
    {
        if (Volatile.Read(ref _fault) is { } fault)
        {
            throw new InvalidOperationException($"The task-completions consumer failed: {fault.Message}", fault);
        }
    }

    public ValueTask DisposeAsync() => _consumer?.DisposeAsync() ?? ValueTask.CompletedTask;

    private void OnMessage(ConsumeResult<Ignore, byte[]> result)
    {
        var message = result.Message;
        if (KafkaHeaders.Get(message.Headers, KafkaHeaders.EventType) != CompletedType)
        {
            Interlocked.Increment(ref _otherEvents);
            return;
        }

        TaskCompleted? completed;
        try
        {
            completed = JsonSerializer.Deserialize<TaskCompleted>(message.Value, FleetJson.Options);
        }
        catch (JsonException e)
        {
            OnFault(e); // the documented contract broke: the figures would be wrong, so the run fails
            return;
        }

        if (completed is null)
        {
            OnFault(new JsonException($"A null TaskCompleted at offset {result.TopicPartitionOffset}."));
            return;
        }

        lock (_gate)
        {
            if (_byOrder.TryAdd(completed.OrderId, completed))
            {
                _inArrivalOrder.Add(completed);
                _latest = completed.CompletedAt > _latest ? completed.CompletedAt : _latest;
                return;
            }
        }

        Interlocked.Increment(ref _repeats);
    }

    private void OnFault(Exception e) => Volatile.Write(ref _fault, e);
}
