using MultiAgent.Runtime;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// The finished orders a scheduler remembers — for idempotence (a redelivered order is acknowledged, not
/// run again) and for status queries — stored as a ring of segments, each a state of its own: finishing
/// an order rewrites only the segment filling (at most <see cref="SegmentSize"/> orders), never all
/// <see cref="SchedulerOptions.KnownOrderCapacity"/>. Starting a segment in the oldest slot forgets the
/// oldest orders. Used from the grain's turns only.
/// </summary>
internal sealed class FinishedOrderLog
{
    public const int SegmentSize = 500;

    private readonly IPersistentState<FinishedSegment>[] _slots;
    private readonly StateWriter[] _writers;
    private readonly Dictionary<string, OrderRecord> _byOrderId = new(StringComparer.Ordinal);
    private int _filling;

    private FinishedOrderLog(IPersistentState<FinishedSegment>[] slots, Func<IPersistentState<FinishedSegment>, Task> write, TimeSpan writeInterval)
    {
        _slots = slots;
        _writers = [.. slots.Select(slot => new StateWriter(() => write(slot), writeInterval))];
        for (var i = 0; i < slots.Length; i++)
        {
            foreach (var order in slots[i].State.Orders)
            {
                _byOrderId[order.OrderId] = order;
            }

            if (slots[i].State.Number > slots[_filling].State.Number)
            {
                _filling = i;
            }
        }
    }

    public int Count => _byOrderId.Count;

    /// <summary>Reads every slot: enough segments that at least <paramref name="capacity"/> finished orders are remembered.</summary>
    public static async Task<FinishedOrderLog> LoadAsync(
        Func<string, IPersistentState<FinishedSegment>> open, int capacity, Func<IPersistentState<FinishedSegment>, Task> write, TimeSpan writeInterval)
    {
        var slots = Enumerable.Range(0, (capacity + SegmentSize - 1) / SegmentSize + 1)
            .Select(i => open($"scheduler-finished-{i}"))
            .ToArray();
        await Task.WhenAll(slots.Select(slot => slot.ReadStateAsync()));
        return new FinishedOrderLog(slots, write, writeInterval);
    }

    public OrderRecord? Find(string orderId) => _byOrderId.GetValueOrDefault(orderId);

    public bool Contains(string orderId) => _byOrderId.ContainsKey(orderId);

    /// <summary>Records a finished order; the task completes once it is durable.</summary>
    public Task AddAsync(OrderRecord record)
    {
        if (_byOrderId.TryAdd(record.OrderId, record))
        {
            if (_slots[_filling].State.Orders.Count >= SegmentSize)
            {
                StartSegment();
            }

            _slots[_filling].State.Orders.Add(record);
        }

        // Also when already recorded: the write that stores it may still be running, and the caller needs it done.
        return _writers[_filling].WriteAsync();
    }

    // The oldest slot's orders are forgotten in memory now and in storage with the new segment's first write.
    private void StartSegment()
    {
        var number = _slots[_filling].State.Number + 1;
        _filling = (_filling + 1) % _slots.Length;
        foreach (var forgotten in _slots[_filling].State.Orders)
        {
            _byOrderId.Remove(forgotten.OrderId);
        }

        _slots[_filling].State = new FinishedSegment { Number = number };
    }
}
