using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MultiAgent.Grains.Fleet.Assignment;
using MultiAgent.Grains.Fleet.Validation;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Streams;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// A warehouse's scheduler: accepts orders (stream or client API), keeps waiting tasks in policy order
/// and idle robots, and assigns whenever either arrives. Orders are taken one delivery at a time (the grain
/// is not reentrant) — from the stream, every order that queued meanwhile in one batch with one write;
/// robot reports are one-way and always interleave, so a robot never waits on the scheduler and an order
/// blocked by a full backlog never blocks the report that frees a slot. Assignment lives in
/// SchedulerGrain.Assignment.cs.
/// </summary>
[ImplicitStreamSubscription(FleetTopics.Orders)]
public sealed partial class SchedulerGrain : Grain, ISchedulerGrain, IAsyncObserver<Order>, IAsyncBatchObserver<Order>
{
    // The live state is rewritten whole; under load, writes at most this often carry more changes each.
    private static readonly TimeSpan LiveWriteInterval = TimeSpan.FromMilliseconds(5);

    // Nobody waits on a finished order's record but the robot report that finished it: gather more per write.
    private static readonly TimeSpan FinishedWriteInterval = TimeSpan.FromMilliseconds(20);

    private readonly IPersistentState<SchedulerState> _state;
    private readonly IPersistentStateFactory _states;
    private readonly ILogger<SchedulerGrain> _logger;
    private readonly SchedulerOptions _options;
    private readonly IAssignmentPolicy _policy;
    private readonly StateWriter _writer;

    // Waiting tasks in service order (priority, deadline, age), rebuilt from the persisted tasks on activation.
    private readonly SortedSet<PendingTask> _pending = new(PendingTaskOrder.Instance);
    private readonly Dictionary<string, PendingTask> _pendingById = new(StringComparer.Ordinal);

    private FinishedOrderLog _finished = null!;
    private WarehouseLayout? _layout;
    private TaskCompletionSource? _slotFreed;

    public SchedulerGrain(
        [PersistentState("scheduler", FleetStreams.StorageName)] IPersistentState<SchedulerState> state,
        IPersistentStateFactory states,
        ILogger<SchedulerGrain> logger,
        SchedulerOptions? options = null)
    {
        _state = state;
        _states = states;
        _logger = logger;
        _options = options ?? new SchedulerOptions();
        _policy = AssignmentPolicies.Create(_options.Assignment);
        _writer = new StateWriter(() => WriteStateAsync(_state), LiveWriteInterval);
    }

    private SchedulerState S => _state.State;

    private string WarehouseId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _finished = await FinishedOrderLog.LoadAsync(
            name => _states.Create<FinishedSegment>(GrainContext, name, FleetStreams.StorageName),
            _options.KnownOrderCapacity,
            WriteStateAsync,
            FinishedWriteInterval);

        var recovered = new List<Task>();
        foreach (var task in S.Tasks.Values.ToList())
        {
            if (S.Orders.GetValueOrDefault(task.Order.OrderId) is { Status: OrderStatus.Completed } || _finished.Contains(task.Order.OrderId))
            {
                // Finished just before a crash, between its two writes: finish recording it now.
                recovered.Add(RecordFinishedAsync(task, S.Orders.GetValueOrDefault(task.Order.OrderId), robotId: null));
                ForgetLive(task);
            }
            else if (task.RobotId is null)
            {
                Enqueue(task);
            }
            else
            {
                // The robot may never have heard of it (a crash between recording and sending): ask again; robots acknowledge by task id.
                _unconfirmed.Add(task.TaskId);
            }
        }

        if (recovered.Count > 0)
        {
            await Task.WhenAll(recovered);
            await _writer.WriteAsync();
        }

        StartMaintenance();
        RunAfterTurn(RediscoverIdleRobotsAsync);
        LogActivated(WarehouseId, _pending.Count, _unconfirmed.Count);
    }

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

    public Task LayoutChanged(WarehouseLayout layout)
    {
        _layout = layout;
        return Task.CompletedTask;
    }

    public Task<OrderStatusReport> GetOrderStatus(string orderId) =>
        Task.FromResult(Find(orderId)?.ToReport(WarehouseId) ?? OrderStatusReport.Unknown(orderId ?? string.Empty));

    public Task<int> GetQueueDepth() => Task.FromResult(_pending.Count);

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

    /// <summary>Sends recorded decisions; refused tasks wait again and are reassigned.</summary>
    private async Task TellRobotsAsync(List<RobotTask> sends)
    {
        if (await SendAllAsync(sends))
        {
            await _writer.WriteAsync();
            await AssignWaitingAsync(CancellationToken.None);
        }
    }

    /// <summary>What became of one order of a delivery: its status report, or why it was rejected.</summary>
    private sealed record OrderOutcome(OrderStatusReport? Report, OrderRejectedException? Rejection);

    private OrderStatusReport? Known(Order order) => Find(order.OrderId)?.ToReport(WarehouseId);

    private OrderRecord? Find(string? orderId) =>
        orderId is null ? null : S.Orders.GetValueOrDefault(orderId) ?? _finished.Find(orderId);

    /// <summary>One task per order, with an id stable across reassignments.</summary>
    private static string TaskIdOf(string orderId) => "task-" + orderId;

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

    private void Enqueue(ScheduledTask task)
    {
        var pending = PendingTask.For(task.TaskId, task.Order);
        if (_pendingById.TryAdd(task.TaskId, pending))
        {
            _pending.Add(pending);
        }
    }

    private void Dequeue(string taskId)
    {
        if (_pendingById.Remove(taskId, out var pending))
        {
            _pending.Remove(pending);
        }
    }

    /// <summary>Moves a task's order to the finished orders; completes once that is durable.</summary>
    private Task RecordFinishedAsync(ScheduledTask task, OrderRecord? record, string? robotId)
    {
        record ??= new OrderRecord { OrderId = task.Order.OrderId, TaskId = task.TaskId, CreatedAt = task.Order.CreatedAt, AssignedAt = task.AssignedAt };
        record.Status = OrderStatus.Completed;
        record.CompletedAt ??= DateTimeOffset.UtcNow;
        record.RobotId = robotId ?? record.RobotId ?? task.RobotId;
        return _finished.AddAsync(record);
    }

    private void ForgetLive(ScheduledTask task)
    {
        S.Tasks.Remove(task.TaskId);
        S.Orders.Remove(task.Order.OrderId);
        Dequeue(task.TaskId);
        _unconfirmed.Remove(task.TaskId);
        _checkedAt.Remove(task.TaskId);
    }

    private async Task WriteStateAsync<T>(IPersistentState<T> state)
    {
        try
        {
            await state.WriteStateAsync(CancellationToken.None);
        }
        catch (InconsistentStateException e)
        {
            // Another activation wrote newer state: this one is stale and must not go on deciding.
            LogStale(e, WarehouseId);
            DeactivateOnIdle();
            throw;
        }
        catch (Exception e)
        {
            // Memory now holds changes storage may not: e.g. an order that would be acknowledged as a
            // duplicate on redelivery without ever having been stored. Start again from what is stored.
            LogWriteFailed(e, WarehouseId);
            DeactivateOnIdle();
            throw;
        }
    }
}
