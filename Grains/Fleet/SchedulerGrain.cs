using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MultiAgent.Grains.Fleet.Assignment;
using MultiAgent.Grains.Fleet.Validation;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Streams;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// A warehouse's scheduler: accepts orders (stream or client API), keeps waiting tasks in policy order
/// and idle robots, and assigns whenever either arrives. Orders are taken one at a time (the grain is not
/// reentrant); robot reports are one-way and always interleave, so a robot never waits on the scheduler
/// and an order blocked by a full backlog never blocks the report that frees a slot. Assignment lives in
/// SchedulerGrain.Assignment.cs.
/// </summary>
[ImplicitStreamSubscription(FleetTopics.Orders)]
public sealed partial class SchedulerGrain : Grain, ISchedulerGrain, IAsyncObserver<Order>
{
    // Finished orders are one large record and nobody waits on them: gather a few milliseconds of finishes per write.
    private static readonly TimeSpan FinishedWriteWindow = TimeSpan.FromMilliseconds(20);

    private readonly IPersistentState<SchedulerState> _state;
    private readonly IPersistentState<FinishedOrdersState> _finishedState;
    private readonly ILogger<SchedulerGrain> _logger;
    private readonly SchedulerOptions _options;
    private readonly IAssignmentPolicy _policy;
    private readonly StateWriter _writer;
    private readonly StateWriter _finishedWriter;

    // Waiting tasks in service order (priority, deadline, age), rebuilt from the persisted tasks on activation.
    private readonly SortedSet<PendingTask> _pending = new(PendingTaskOrder.Instance);
    private readonly Dictionary<string, PendingTask> _pendingById = new(StringComparer.Ordinal);

    // Finished orders, oldest first: the ones forgotten when more than KnownOrderCapacity are known.
    private readonly Queue<string> _finished = new();

    private WarehouseLayout? _layout;
    private TaskCompletionSource? _slotFreed;

    public SchedulerGrain(
        [PersistentState("scheduler", FleetStreams.StorageName)] IPersistentState<SchedulerState> state,
        [PersistentState("scheduler-finished", FleetStreams.StorageName)] IPersistentState<FinishedOrdersState> finishedState,
        ILogger<SchedulerGrain> logger,
        SchedulerOptions? options = null)
    {
        _state = state;
        _finishedState = finishedState;
        _logger = logger;
        _options = options ?? new SchedulerOptions();
        _policy = AssignmentPolicies.Create(_options.Assignment);
        _writer = new StateWriter(() => WriteStateAsync(_state));
        _finishedWriter = new StateWriter(() => WriteStateAsync(_finishedState), FinishedWriteWindow);
    }

    private SchedulerState S => _state.State;

    private FinishedOrdersState F => _finishedState.State;

    private string WarehouseId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var order in F.Orders.Values.OrderBy(o => o.FinishedSequence))
        {
            _finished.Enqueue(order.OrderId);
        }

        foreach (var task in S.Tasks.Values.ToList())
        {
            if (S.Orders.GetValueOrDefault(task.Order.OrderId) is { Status: OrderStatus.Completed } || F.Orders.ContainsKey(task.Order.OrderId))
            {
                // Finished just before a crash, between its two writes: finish recording it now.
                RecordFinished(task, S.Orders.GetValueOrDefault(task.Order.OrderId), robotId: null);
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

        StartMaintenance();
        LogActivated(WarehouseId, _pending.Count, _unconfirmed.Count, S.IdleRobots.Count);
        return Task.CompletedTask;
    }

    public Task OnNextAsync(Order item, StreamSequenceToken? token = null) => AcceptAsync(item, CancellationToken.None);

    public Task<OrderStatusReport> SubmitOrder(Order order) => AcceptAsync(order, CancellationToken.None);

    public Task<OrderStatusReport> GetOrderStatus(string orderId) =>
        Task.FromResult(Find(orderId)?.ToReport(WarehouseId) ?? OrderStatusReport.Unknown(orderId ?? string.Empty));

    public Task<int> GetQueueDepth() => Task.FromResult(_pending.Count);

    /// <summary>
    /// Returns only once the order is durably recorded: on the Kafka path the offset is committed after
    /// this returns, so an order is never committed without being stored (and a redelivery is a duplicate).
    /// </summary>
    private async Task<OrderStatusReport> AcceptAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (Known(order) is { } known)
        {
            LogDuplicate(WarehouseId, order.OrderId);
            return known;
        }

        var now = DateTimeOffset.UtcNow;

        // The stream decodes typed JSON, where an absent createdAt is the default value; the documented meaning is "when accepted".
        order = order.CreatedAt == default ? order with { CreatedAt = now } : order;
        _layout ??= await GrainFactory.GetGrain<IWarehouseGrain>(WarehouseId).GetLayout();
        var result = _layout is null
            ? OrderValidationResult.Invalid([new(OrderFields.WarehouseId, $"warehouse '{WarehouseId}' has no layout yet; configure it before sending orders.")])
            : OrderValidator.Validate(order, _layout, now);
        if (!result.IsValid)
        {
            LogRejected(WarehouseId, order.OrderId, result.Reason);
            throw new OrderRejectedException(order.OrderId, result.Reason);
        }

        await WaitForSlotAsync(cancellationToken);
        if (Known(order) is { } acceptedMeanwhile)
        {
            return acceptedMeanwhile;
        }

        var task = new ScheduledTask { TaskId = TaskIdOf(order.OrderId), Order = result.Order };
        S.Tasks[task.TaskId] = task;
        S.Orders[order.OrderId] = new OrderRecord { OrderId = order.OrderId, TaskId = task.TaskId, Status = OrderStatus.Pending, CreatedAt = order.CreatedAt };
        Enqueue(task);

        // One write records both the order and what was decided for it; robots hear of it only after.
        var sends = Decide();
        await _writer.WriteAsync();
        LogAccepted(WarehouseId, order.OrderId, order.Priority, _pending.Count);
        var report = S.Orders.TryGetValue(order.OrderId, out var record) ? record.ToReport(WarehouseId) : OrderStatusReport.Unknown(order.OrderId);
        if (await SendAllAsync(sends))
        {
            await _writer.WriteAsync();
            await AssignWaitingAsync(cancellationToken);
        }

        return report;
    }

    private OrderStatusReport? Known(Order order) => Find(order.OrderId)?.ToReport(WarehouseId);

    private OrderRecord? Find(string? orderId) =>
        orderId is null ? null : S.Orders.GetValueOrDefault(orderId) ?? F.Orders.GetValueOrDefault(orderId);

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

    /// <summary>Moves a task's order to the finished orders (in memory), forgetting the oldest beyond the capacity.</summary>
    private void RecordFinished(ScheduledTask task, OrderRecord? record, string? robotId)
    {
        record ??= new OrderRecord { OrderId = task.Order.OrderId, TaskId = task.TaskId, CreatedAt = task.Order.CreatedAt, AssignedAt = task.AssignedAt };
        record.Status = OrderStatus.Completed;
        record.CompletedAt ??= DateTimeOffset.UtcNow;
        record.RobotId = robotId ?? record.RobotId ?? task.RobotId;
        if (F.Orders.TryAdd(record.OrderId, record))
        {
            record.FinishedSequence = ++F.FinishedCount;
            _finished.Enqueue(record.OrderId);
        }

        while (F.Orders.Count > _options.KnownOrderCapacity && _finished.TryDequeue(out var oldest))
        {
            F.Orders.Remove(oldest);
        }
    }

    private void ForgetLive(ScheduledTask task)
    {
        S.Tasks.Remove(task.TaskId);
        S.Orders.Remove(task.Order.OrderId);
        Dequeue(task.TaskId);
        _unconfirmed.Remove(task.TaskId);
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
