using MultiAgent.Runtime;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// What robots report (idle, finished, failed) and the idle robots the scheduler knows of. Reports are
/// one-way and always interleave, and each returns as soon as memory is updated: the writes and sends it
/// causes run after its turn. Holding the turn open would hold the grain — an order delivery (not
/// interleaving) starts only when no request is running, and at thousands of reports a second one always
/// would be.
/// </summary>
public sealed partial class SchedulerGrain
{
    // Robots known to be idle, by id. Not persisted: see RediscoverIdleRobotsAsync.
    private readonly Dictionary<string, Assignment.IdleRobot> _idleRobots = new(StringComparer.Ordinal);

    // Tasks between their two finishing writes, so a repeated report does not record them twice.
    private readonly HashSet<string> _finishing = new(StringComparer.Ordinal);

    public Task RobotIdle(string robotId, GridPoint position, double battery)
    {
        _idleRobots[robotId] = new Assignment.IdleRobot(robotId, position, battery);
        RunAfterTurn(() => AssignWaitingAsync(CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task TaskFinished(string robotId, string taskId)
    {
        if (S.Tasks.TryGetValue(taskId, out var task) && _finishing.Add(taskId))
        {
            RunAfterTurn(() => FinishAsync(task, robotId));
        }

        // Else already recorded (or being recorded): a robot reporting again after a re-sent assignment.
        return Task.CompletedTask;
    }

    public Task RobotFailed(string robotId, string? taskId, string reason)
    {
        _idleRobots.Remove(robotId);
        if (taskId is not null && TakeBack(taskId, robotId, reason))
        {
            LogRequeued(WarehouseId, taskId, robotId, reason);
        }

        RunAfterTurn(async () =>
        {
            await _writer.WriteAsync();
            await AssignWaitingAsync(CancellationToken.None);
        });
        return Task.CompletedTask;
    }

    /// <summary>
    /// Recorded in two writes: first among the finished orders, then removed from the live tasks. A crash
    /// in between leaves it in both, which the next activation resolves as finished — never as lost.
    /// </summary>
    private async Task FinishAsync(ScheduledTask task, string robotId)
    {
        try
        {
            Dequeue(task.TaskId);
            _unconfirmed.Remove(task.TaskId);
            await RecordFinishedAsync(task, S.Orders.GetValueOrDefault(task.Order.OrderId), robotId);
            ForgetLive(task);
            await _writer.WriteAsync();
            LogFinished(WarehouseId, task.TaskId, robotId);
        }
        finally
        {
            _finishing.Remove(task.TaskId);
        }
    }

    /// <summary>
    /// Idle robots are the robots' own persisted status, so the scheduler does not store them (every write
    /// would carry the whole fleet): after activating it asks the warehouse's robots. Runs in the background —
    /// robots that report idle meanwhile are used at once; a stale "idle" answer is harmless, as a busy robot
    /// refuses a task and the task waits again.
    /// </summary>
    private async Task RediscoverIdleRobotsAsync()
    {
        var robotIds = await GrainFactory.GetGrain<IWarehouseGrain>(WarehouseId).GetRobots();
        var snapshots = await Task.WhenAll(robotIds.Select(SnapshotOrNullAsync));
        var busy = S.Tasks.Values.Select(t => t.RobotId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var robot in snapshots)
        {
            if (robot is { Status: RobotStatus.Idle } && !busy.Contains(robot.RobotId))
            {
                _idleRobots.TryAdd(robot.RobotId, new Assignment.IdleRobot(robot.RobotId, robot.Position, robot.Battery));
            }
        }

        LogRediscovered(WarehouseId, _idleRobots.Count, robotIds.Count);
        await AssignWaitingAsync(CancellationToken.None);
    }

    private async Task<RobotSnapshot?> SnapshotOrNullAsync(string robotId)
    {
        try
        {
            return await GrainFactory.GetGrain<IRobotGrain>(robotId).GetSnapshot();
        }
        catch (Exception e)
        {
            LogSnapshotFailed(e, WarehouseId, robotId);
            return null;
        }
    }

    /// <summary>
    /// Work started from a turn but not awaited by it; it still runs on this activation (turn by turn).
    /// Its failure is logged: a failed write has already deactivated the grain to reload what is stored,
    /// and unconfirmed sends are asked again by the maintenance timer.
    /// </summary>
    private void RunAfterTurn(Func<Task> work) => _ = RunLoggedAsync(work);

    private async Task RunLoggedAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception e)
        {
            LogBackgroundFailed(e, WarehouseId);
        }
    }
}
