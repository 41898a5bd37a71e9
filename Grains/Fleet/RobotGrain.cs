using Microsoft.Extensions.Logging;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Streams;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// One robot: its task, position, battery and counters. Calls to the scheduler are one-way, so a robot
/// never waits on the scheduler while the scheduler waits on it (there is no call-chain reentrancy).
/// Simulation lives in RobotGrain.Simulation.cs, the external-robot bridge in RobotGrain.External.cs.
/// </summary>
public sealed partial class RobotGrain(
    [PersistentState("robot", FleetStreams.StorageName)] IPersistentState<RobotState> state,
    ILogger<RobotGrain> logger,
    RobotOptions? options = null) : Grain, IRobotGrain
{
    // Timers started during activation tick no sooner than this: a tick due before the activation is ready is dropped, and the timer with it.
    private static readonly TimeSpan ActivationTimerDelay = TimeSpan.FromMilliseconds(250);

    private readonly RobotOptions _options = options ?? new RobotOptions();
    private WarehouseLayout? _layout;

    private RobotState S => state.State;

    private string RobotId => this.GetPrimaryKeyString();

    private ISchedulerGrain Scheduler => GrainFactory.GetGrain<ISchedulerGrain>(S.WarehouseId);

    private IWarehouseGrain Warehouse => GrainFactory.GetGrain<IWarehouseGrain>(S.WarehouseId);

    /// <summary>
    /// Registering is idempotent, so a call that met a stale warehouse activation (a second one while silos'
    /// views of the cluster disagreed; it deactivates on the conflict) is simply made again and reaches one
    /// that reads the current state.
    /// </summary>
    private async Task RegisterWithWarehouseAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Warehouse.RegisterRobot(RobotId);
                return;
            }
            catch (Exception e) when (attempt < 3 && IsInconsistentState(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
        }
    }

    private static bool IsInconsistentState(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is InconsistentStateException || (e is RemoteGrainException remote && remote.ExceptionType.EndsWith(nameof(InconsistentStateException), StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!S.Started)
        {
            return;
        }

        if (S.Mode == RobotMode.External)
        {
            // A fresh window: the grain being away (collected, or its silo crashed) is not the robot's silence.
            S.LastHeartbeat = DateTimeOffset.UtcNow;
            StartWatchdog(ActivationTimerDelay);
            if (S.DeliveredAt is not null)
            {
                // The robot reported done and the silo died before it was recorded: finish it now, as the robot
                // may not report it again (a simulated robot's next tick does the same).
                await CompleteTaskAsync(cancellationToken);
                return;
            }
        }
        else if (S.Phase != RobotPhase.None)
        {
            ResumeMotion(ActivationTimerDelay);
        }

        if (S.Status == RobotStatus.Idle)
        {
            // The scheduler may have lost track of an idle robot (its own crash, or a failed call): say so again; it is idempotent.
            await Scheduler.RobotIdle(RobotId, S.Position, S.Battery);
        }
    }

    public async Task<bool> Assign(RobotTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!string.Equals(task.RobotId, RobotId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Task {task.TaskId} is for robot '{task.RobotId}', not '{RobotId}'.", nameof(task));
        }

        if (string.Equals(S.CurrentTask?.TaskId, task.TaskId, StringComparison.Ordinal))
        {
            return true;
        }

        if (S.FinishedTaskIds.Contains(task.TaskId, StringComparer.Ordinal))
        {
            // A re-sent assignment of a task already done (the scheduler may have crashed before recording it): report it again, do not redo it.
            await Scheduler.TaskFinished(RobotId, task.TaskId);
            return true;
        }

        if (!S.Started || S.Status != RobotStatus.Idle || S.CurrentTask is not null)
        {
            LogAssignRefused(RobotId, task.TaskId, S.Status);
            return false;
        }

        S.CurrentTask = task;
        S.TaskStartedAt = DateTimeOffset.UtcNow;
        S.DistanceAtTaskStart = S.DistanceTravelled;
        if (S.Mode == RobotMode.Simulated)
        {
            S.Phase = RobotPhase.ToPick;
            S.Target = task.Order.PickLocation;
            S.Status = RobotStatus.Moving;
        }
        else
        {
            S.Status = RobotStatus.Assigned;
        }

        await state.WriteStateAsync();
        if (S.Mode == RobotMode.Simulated)
        {
            ResumeMotion();
        }

        LogAssigned(RobotId, task.TaskId, task.Attempt);
        return true;
    }

    public Task<RobotTask?> GetCurrentTask() => Task.FromResult(S.CurrentTask);

    public Task<RobotSnapshot> GetSnapshot() => Task.FromResult(new RobotSnapshot(
        RobotId, S.WarehouseId, S.Mode, S.Position, S.Battery, S.Status, S.CurrentTask?.TaskId, S.LastHeartbeat, S.TasksCompleted, S.TasksFailed, S.BusyTime));

    public Task<long> GetDistanceTravelled() => Task.FromResult(S.DistanceTravelled);

    /// <summary>
    /// Records the delivery, publishes the completion, then records the task as done and tells the scheduler.
    /// The delivery is stored before publishing so that a robot resumed after a crash in between publishes
    /// the same event again instead of driving the task a second time: completions are at-least-once, a
    /// repeat is identical (same robot, task and time), and consumers can tell it from a second execution.
    /// </summary>
    private async Task CompleteTaskAsync(CancellationToken cancellationToken)
    {
        var task = S.CurrentTask ?? throw new InvalidOperationException($"Robot {RobotId} has no task to complete.");
        if (S.DeliveredAt is null)
        {
            S.DeliveredAt = DateTimeOffset.UtcNow;
            await state.WriteStateAsync(CancellationToken.None);
        }

        var now = S.DeliveredAt.Value;
        var distance = (int)Math.Min(int.MaxValue, S.DistanceTravelled - S.DistanceAtTaskStart);
        var completed = new TaskCompleted(task.TaskId, task.Order.OrderId, RobotId, S.WarehouseId, task.Order.CreatedAt, task.AssignedAt, now, task.Attempt, distance);
        await CompletionStream<TaskCompleted>().OnNextAsync(completed, cancellationToken);

        S.TasksCompleted++;
        EndTask(now);
        RememberFinished(task.TaskId);
        var charger = S.Mode == RobotMode.Simulated && S.Battery < _options.LowBattery ? await NearestChargerAsync() : null;
        if (charger is { } target)
        {
            S.Phase = RobotPhase.ToCharger;
            S.Target = target;
            S.Status = RobotStatus.Charging;
        }
        else
        {
            S.Phase = RobotPhase.None;
            S.Status = RobotStatus.Idle;
        }

        await state.WriteStateAsync(CancellationToken.None);
        LogCompleted(RobotId, task.TaskId, distance, S.Battery);
        await Scheduler.TaskFinished(RobotId, task.TaskId);
        if (S.Status == RobotStatus.Idle)
        {
            await Scheduler.RobotIdle(RobotId, S.Position, S.Battery);
        }
    }

    /// <summary>The robot cannot go on (fault, missed heartbeats): its task, if any, goes back to the scheduler.</summary>
    private async Task LoseTaskAsync(RobotStatus status, string reason)
    {
        var task = S.CurrentTask;
        var now = DateTimeOffset.UtcNow;
        S.Status = status;
        S.Phase = RobotPhase.None;
        if (task is not null)
        {
            S.TasksFailed++;
            EndTask(now);
        }

        await state.WriteStateAsync(CancellationToken.None);
        LogLost(RobotId, task?.TaskId, status, reason);
        if (task is not null)
        {
            try
            {
                await CompletionStream<TaskFailed>().OnNextAsync(
                    new TaskFailed(task.TaskId, task.Order.OrderId, RobotId, S.WarehouseId, task.Order.CreatedAt, now, reason, task.Attempt, Requeued: true));
            }
            catch (Exception e)
            {
                // Statistics only: the requeue below is what matters, so it must not depend on this.
                LogPublishFailed(e, RobotId, task.TaskId);
            }
        }

        await Scheduler.RobotFailed(RobotId, task?.TaskId, reason);
    }

    private void EndTask(DateTimeOffset now)
    {
        if (S.TaskStartedAt is { } started && now > started)
        {
            S.BusyTime += now - started;
        }

        S.CurrentTask = null;
        S.TaskStartedAt = null;
        S.DeliveredAt = null;
    }

    private void RememberFinished(string taskId)
    {
        S.FinishedTaskIds.Add(taskId);
        var excess = S.FinishedTaskIds.Count - _options.RememberedTasks;
        if (excess > 0)
        {
            S.FinishedTaskIds.RemoveRange(0, excess);
        }
    }

    private async Task<GridPoint?> NearestChargerAsync()
    {
        _layout ??= await Warehouse.GetLayout();
        return _layout is null ? null : RobotMotion.Nearest(S.Position, _layout.Chargers);
    }

    private IAsyncStream<T> CompletionStream<T>() =>
        this.GetStreamProvider(FleetStreams.ProviderName).GetStream<T>(StreamId.Create(FleetTopics.TaskCompletions, S.WarehouseId));
}
