using System.Diagnostics;
using MultiAgent.Grains.Fleet.Validation;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Streams;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// Taking orders — from the stream (one at a time or a batch) or the client API: validation, idempotence,
/// back-pressure, and one write for what a delivery brought.
/// </summary>
public sealed partial class SchedulerGrain
{
    public Task OnNextAsync(Order item, StreamSequenceToken? token = null) => AcceptOneAsync(item);

    /// <summary>
    /// The orders that queued on the stream while the previous delivery ran: all valid new ones are stored
    /// with one write. Invalid ones fail the delivery once the others are stored, and the provider then
    /// redelivers the batch one order at a time: the stored ones are acknowledged as duplicates and each
    /// invalid one is dead-lettered with its own reason.
    /// </summary>
    public async Task OnNextAsync(IList<SequentialItem<Order>> items)
    {
        var outcomes = await AcceptAllAsync([.. items.Select(i => i.Item)], CancellationToken.None);
        var rejected = outcomes.Where(o => o.Rejection is not null).ToList();
        if (rejected.Count > 0)
        {
            var first = rejected[0].Rejection!;
            var others = rejected.Count == 1 ? string.Empty : $" ({rejected.Count - 1} more orders of this batch were rejected)";
            throw new OrderRejectedException(first.OrderId, $"Order '{first.OrderId}' was rejected: {first.Message}{others}");
        }
    }

    public Task<OrderStatusReport> SubmitOrder(Order order) => AcceptOneAsync(order);

    private async Task<OrderStatusReport> AcceptOneAsync(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var outcome = (await AcceptAllAsync([order], CancellationToken.None))[0];
        return outcome.Rejection is { } rejection ? throw rejection : outcome.Report!;
    }

    /// <summary>
    /// Returns only once the accepted orders are durably recorded: on the Kafka path the offsets are
    /// committed after this returns, so an order is never committed without being stored (and a
    /// redelivery is a duplicate). Rejected orders come back as their rejection, nothing thrown.
    /// </summary>
    private async Task<OrderOutcome[]> AcceptAllAsync(IReadOnlyList<Order> orders, CancellationToken cancellationToken)
    {
        var outcomes = new OrderOutcome[orders.Count];
        var now = DateTimeOffset.UtcNow;
        var admitted = new List<(int Index, Order Order)>(orders.Count);
        var inThisBatch = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < orders.Count; i++)
        {
            var order = orders[i];
            if (Known(order) is { } known)
            {
                LogDuplicate(WarehouseId, order.OrderId);
                outcomes[i] = new OrderOutcome(known, null);
                continue;
            }

            // The stream decodes typed JSON, where an absent createdAt is the default value; the documented meaning is "when accepted".
            order = order.CreatedAt == default ? order with { CreatedAt = now } : order;
            _layout ??= await GrainFactory.GetGrain<IWarehouseGrain>(WarehouseId).GetLayout();
            var result = _layout is null
                ? OrderValidationResult.Invalid([new(OrderFields.WarehouseId, $"warehouse '{WarehouseId}' has no layout yet; configure it before sending orders.")])
                : OrderValidator.Validate(order, _layout, now);
            if (!result.IsValid)
            {
                LogRejected(WarehouseId, order.OrderId, result.Reason);
                outcomes[i] = new OrderOutcome(null, new OrderRejectedException(order.OrderId, result.Reason));
            }
            else if (inThisBatch.Add(order.OrderId))
            {
                admitted.Add((i, result.Order));
            }
        }

        if (admitted.Count > 0)
        {
            await AdmitAsync(admitted.Select(a => a.Order).ToList(), cancellationToken);
        }

        // Reports after admission: a duplicate within the batch reports on the order it repeats.
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] ??= new OrderOutcome(Known(orders[i]) ?? OrderStatusReport.Unknown(orders[i].OrderId ?? string.Empty), null);
        }

        return outcomes;
    }

    private async Task AdmitAsync(List<Order> orders, CancellationToken cancellationToken)
    {
        await WaitForSlotAsync(cancellationToken);
        foreach (var order in orders)
        {
            if (Known(order) is not null)
            {
                continue; // accepted meanwhile (the client API and the stream may carry the same order)
            }

            var task = new ScheduledTask { TaskId = TaskIdOf(order.OrderId), Order = order };
            S.Tasks[task.TaskId] = task;
            S.Orders[order.OrderId] = new OrderRecord { OrderId = order.OrderId, TaskId = task.TaskId, Status = OrderStatus.Pending, CreatedAt = order.CreatedAt };
            Enqueue(task);
            LogAccepted(WarehouseId, order.OrderId, order.Priority, _pending.Count);
        }

        // One write records the orders and what was decided for them; robots hear of it only after — while
        // the next orders are taken: these are durable, so their delivery is done.
        var sends = Decide();
        await _writer.WriteAsync();
        if (sends.Count > 0)
        {
            RunAfterTurn(() => TellRobotsAsync(sends));
        }
    }

    /// <summary>What became of one order of a delivery: its status report, or why it was rejected.</summary>
    private sealed record OrderOutcome(OrderStatusReport? Report, OrderRejectedException? Rejection);

    /// <summary>
    /// Back-pressure: with the backlog full, the order waits — and with it the partition worker that
    /// delivered it, which makes the Kafka provider pause the partition. Wakes when an assignment frees a
    /// slot, and re-checks on an interval in case robots came back without a report reaching us.
    /// </summary>
    private async Task WaitForSlotAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count < _options.MaxBacklog)
        {
            return;
        }

        LogBackPressure(WarehouseId, _pending.Count);
        var started = Stopwatch.GetTimestamp();
        while (_pending.Count >= _options.MaxBacklog)
        {
            if (Stopwatch.GetElapsedTime(started) >= _options.MaxBacklogWait)
            {
                LogOverBacklog(WarehouseId, _pending.Count, _options.MaxBacklogWait);
                return;
            }

            _slotFreed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await Task.WhenAny(_slotFreed.Task, Task.Delay(_options.BacklogRecheckInterval, cancellationToken));
            await AssignWaitingAsync(cancellationToken);
        }
    }

    private void SignalSlotFreed()
    {
        var waiter = _slotFreed;
        _slotFreed = null;
        waiter?.TrySetResult();
    }
}
