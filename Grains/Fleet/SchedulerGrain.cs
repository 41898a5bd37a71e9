using Microsoft.Extensions.Logging;
using MultiAgent.Grains.Fleet.Assignment;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Streams;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// A warehouse's scheduler: accepts orders (stream or client API), keeps waiting tasks in policy order
/// and idle robots, and assigns whenever either arrives. Orders are taken one delivery at a time (the grain
/// is not reentrant) — from the stream, every order that queued meanwhile in one batch with one write;
/// robot reports are one-way and always interleave, so a robot never waits on the scheduler and an order
/// blocked by a full backlog never blocks the report that frees a slot. Taking orders is in
/// SchedulerGrain.Orders.cs, assigning in SchedulerGrain.Assignment.cs, robot reports in SchedulerGrain.Robots.cs.
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

    public Task LayoutChanged(WarehouseLayout layout)
    {
        _layout = layout;
        return Task.CompletedTask;
    }

    public Task<OrderStatusReport> GetOrderStatus(string orderId) =>
        Task.FromResult(Find(orderId)?.ToReport(WarehouseId) ?? OrderStatusReport.Unknown(orderId ?? string.Empty));

    public Task<int> GetQueueDepth() => Task.FromResult(_pending.Count);

    /// <summary>Sends recorded decisions; refused tasks wait again and are reassigned.</summary>
    private async Task TellRobotsAsync(List<RobotTask> sends)
    {
        if (await SendAllAsync(sends))
        {
            await _writer.WriteAsync();
            await AssignWaitingAsync(CancellationToken.None);
        }
    }

    private OrderStatusReport? Known(Order order) => Find(order.OrderId)?.ToReport(WarehouseId);

    private OrderRecord? Find(string? orderId) =>
        orderId is null ? null : S.Orders.GetValueOrDefault(orderId) ?? _finished.Find(orderId);

    /// <summary>One task per order, with an id stable across reassignments.</summary>
    private static string TaskIdOf(string orderId) => "task-" + orderId;

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
