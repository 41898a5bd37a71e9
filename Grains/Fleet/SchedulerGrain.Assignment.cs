using MultiAgent.Runtime;

namespace MultiAgent.Grains.Fleet;

/// <summary>Assigning waiting tasks to idle robots, telling them, and taking tasks back.</summary>
public sealed partial class SchedulerGrain
{
    private static readonly TimeSpan MaintenancePeriod = TimeSpan.FromSeconds(1);

    // Assigned tasks whose robot has not confirmed (call failed or timed out, or sent before a crash).
    // Only a robot's explicit refusal takes a task back: a timed-out call may still have reached it.
    private readonly HashSet<string> _unconfirmed = new(StringComparer.Ordinal);

    // When a long-assigned task was last asked about (see CheckOnLongAssignedTasks); forgotten with the task.
    private readonly Dictionary<string, DateTimeOffset> _checkedAt = new(StringComparer.Ordinal);

    private IGrainTimer? _maintenance;
    private bool _maintaining;

    /// <summary>
    /// Assigns until no idle robot can take a waiting task. Decisions are recorded before robots hear of
    /// them: after a crash in between, the reactivated scheduler re-sends, and a robot acknowledges a task
    /// it already has or did. Loops while robots refuse and others are idle.
    /// </summary>
    private async Task AssignWaitingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sends = Decide();
            if (sends.Count == 0)
            {
                return;
            }

            await _writer.WriteAsync();
            if (!await SendAllAsync(sends))
            {
                return;
            }

            await _writer.WriteAsync();
        }
    }

    /// <summary>Runs the policy over all waiting tasks and idle robots and applies its decisions in memory (no await: one consistent step).</summary>
    private List<RobotTask> Decide()
    {
        if (_pending.Count == 0 || _idleRobots.Count == 0)
        {
            return [];
        }

        var decisions = _policy.Assign([.. _pending], [.. _idleRobots.Values]);
        var now = DateTimeOffset.UtcNow;
        var sends = new List<RobotTask>(decisions.Count);
        foreach (var decision in decisions)
        {
            var task = S.Tasks[decision.TaskId];
            Dequeue(task.TaskId);
            _idleRobots.Remove(decision.RobotId);
            task.RobotId = decision.RobotId;
            task.AssignedAt = now;
            if (S.Orders.TryGetValue(task.Order.OrderId, out var order))
            {
                order.Status = OrderStatus.Assigned;
                order.AssignedAt = now;
                order.RobotId = decision.RobotId;
            }

            sends.Add(new RobotTask(task.TaskId, task.Order, decision.RobotId, now, task.Attempt));
        }

        if (sends.Count > 0)
        {
            SignalSlotFreed();
            LogAssigned(WarehouseId, sends.Count, _policy.Name, _pending.Count);
        }

        return sends;
    }

    /// <summary>Tells the robots; a refused task waits again. True when some were refused (state changed: write it).</summary>
    private async Task<bool> SendAllAsync(List<RobotTask> sends)
    {
        if (sends.Count == 0)
        {
            return false;
        }

        var answers = await Task.WhenAll(sends.Select(SendAsync));
        var refused = false;
        for (var i = 0; i < sends.Count; i++)
        {
            if (answers[i] is null)
            {
                _unconfirmed.Add(sends[i].TaskId);
            }
            else if (answers[i] == false)
            {
                refused |= TakeBack(sends[i].TaskId, sends[i].RobotId, reason: null);
            }
        }

        return refused;
    }

    /// <returns>True (took it, or already had or did it), false (refused: busy, offline, faulted), null (no answer).</returns>
    private async Task<bool?> SendAsync(RobotTask task)
    {
        try
        {
            return await GrainFactory.GetGrain<IRobotGrain>(task.RobotId).Assign(task);
        }
        catch (Exception e)
        {
            LogSendFailed(e, WarehouseId, task.TaskId, task.RobotId);
            return null;
        }
    }

    /// <summary>Puts a task assigned to <paramref name="robotId"/> back in the queue; false if it is not (any longer) that robot's.</summary>
    /// <param name="reason">Null when the robot merely refused (the task never started, so it is the same attempt).</param>
    private bool TakeBack(string taskId, string robotId, string? reason)
    {
        if (!S.Tasks.TryGetValue(taskId, out var task) || !string.Equals(task.RobotId, robotId, StringComparison.Ordinal))
        {
            return false;
        }

        _unconfirmed.Remove(taskId);
        task.RobotId = null;
        task.AssignedAt = null;
        if (reason is not null)
        {
            task.Attempt++;
        }

        if (S.Orders.TryGetValue(task.Order.OrderId, out var order))
        {
            order.Status = OrderStatus.Pending;
            order.AssignedAt = null;
            order.RobotId = null;
            order.FailureReason = reason ?? order.FailureReason;
        }

        Enqueue(task);
        return true;
    }

    // Interleaves with a waiting order, so it can free the slot that order waits for. Not due at once: a
    // tick that fires while the activation is still activating is dropped, and the timer with it.
    private void StartMaintenance() =>
        _maintenance ??= RegisterGrainTimer(OnMaintenanceTick, new GrainTimerCreationOptions(MaintenancePeriod, MaintenancePeriod) { Interleave = true });

    // The tick's turn only starts the work: a tick is a request, and one left running through sends and
    // writes would hold back order deliveries (they start only when no request runs) once a second.
    private Task OnMaintenanceTick(CancellationToken cancellationToken)
    {
        if (!_maintaining)
        {
            _maintaining = true;
            RunAfterTurn(async () =>
            {
                try
                {
                    await MaintainAsync(cancellationToken);
                }
                finally
                {
                    _maintaining = false;
                }
            });
        }

        return Task.CompletedTask;
    }

    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        CheckOnLongAssignedTasks();
        if (_unconfirmed.Count > 0)
        {
            var resends = new List<RobotTask>();
            foreach (var taskId in _unconfirmed.ToList())
            {
                if (S.Tasks.TryGetValue(taskId, out var task) && task.RobotId is not null)
                {
                    resends.Add(new RobotTask(task.TaskId, task.Order, task.RobotId, task.AssignedAt ?? DateTimeOffset.UtcNow, task.Attempt));
                }
                else
                {
                    _unconfirmed.Remove(taskId);
                }
            }

            var answers = await Task.WhenAll(resends.Select(SendAsync));
            var refused = false;
            for (var i = 0; i < resends.Count; i++)
            {
                if (answers[i] == true)
                {
                    _unconfirmed.Remove(resends[i].TaskId);
                }
                else if (answers[i] == false)
                {
                    refused |= TakeBack(resends[i].TaskId, resends[i].RobotId, reason: null);
                }
            }

            if (refused)
            {
                await _writer.WriteAsync();
            }
        }

        await AssignWaitingAsync(cancellationToken);
    }

    /// <summary>
    /// A task assigned longer than <see cref="SchedulerOptions.AssignedTaskCheckInterval"/> ago is asked
    /// about again (a re-sent assignment, acknowledged by task id). A robot grain whose silo died mid-task
    /// is one nobody calls — its timers died with it — and the call reactivates it: it carries on driving,
    /// or reports the task done again if it finished before the crash.
    /// </summary>
    private void CheckOnLongAssignedTasks()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var task in S.Tasks.Values)
        {
            if (task.RobotId is null || _unconfirmed.Contains(task.TaskId))
            {
                continue;
            }

            var since = _checkedAt.TryGetValue(task.TaskId, out var checkedAt) ? checkedAt : task.AssignedAt ?? now;
            if (now - since >= _options.AssignedTaskCheckInterval)
            {
                _checkedAt[task.TaskId] = now;
                _unconfirmed.Add(task.TaskId);
            }
        }
    }
}
