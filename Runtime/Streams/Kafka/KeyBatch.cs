using Confluent.Kafka;

namespace MultiAgent.Runtime.Streams.Kafka;

/// <summary>
/// Consecutive events of one key and event type in a partition, delivered as one turn. It gathers events
/// while its key's previous delivery runs and is sealed when its own delivery starts: no event ever waits
/// for a batch to fill. Added to by the partition's read loop, sealed by the delivery — hence the lock.
/// </summary>
internal sealed class KeyBatch(ConsumeResult<string, byte[]> first, string eventType)
{
    private readonly List<ConsumeResult<string, byte[]>> _events = [first];
    private bool _sealed;

    public string EventType { get; } = eventType;

    /// <summary>Completes when every event of the batch was delivered or dead-lettered (never faults).</summary>
    public Task Completion { get; set; } = Task.CompletedTask;

    public bool TryAdd(ConsumeResult<string, byte[]> result, string eventType, int maxSize)
    {
        lock (_events)
        {
            if (_sealed || _events.Count >= maxSize || !string.Equals(eventType, EventType, StringComparison.Ordinal))
            {
                return false;
            }

            _events.Add(result);
            return true;
        }
    }

    /// <summary>Closes the batch to further events and returns them, in partition order.</summary>
    public IReadOnlyList<ConsumeResult<string, byte[]>> Seal()
    {
        lock (_events)
        {
            _sealed = true;
            return _events;
        }
    }
}
