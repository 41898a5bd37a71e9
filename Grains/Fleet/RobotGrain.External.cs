using MultiAgent.Runtime;

namespace MultiAgent.Grains.Fleet;

/// <summary>External robots: a real robot (or a fleet adapter such as a ROS 2 bridge) reports through these calls; silence means offline.</summary>
public sealed partial class RobotGrain
{
    private const string MissedHeartbeats = "offline: missed heartbeats";

    private IGrainTimer? _watchdog;

    public async Task StartExternal(string warehouseId, GridPoint position, double battery)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(warehouseId);
        CheckBattery(battery);
        PauseMotion();
        S.Started = true;
        S.WarehouseId = warehouseId;
        S.Mode = RobotMode.External;
        S.Position = position;
        S.Battery = battery;
        S.Phase = RobotPhase.None;

        // Registering again is how an operator clears a fault or an offline robot; a task it still holds stays with it.
        S.Status = S.CurrentTask is null ? RobotStatus.Idle : RobotStatus.Assigned;
        S.LastHeartbeat = DateTimeOffset.UtcNow;
        await RegisterWithWarehouseAsync();
        await state.WriteStateAsync();
        StartWatchdog();
        LogStarted(RobotId, warehouseId, S.Mode, position);
        if (S.Status == RobotStatus.Idle)
        {
            await Scheduler.RobotIdle(RobotId, S.Position, S.Battery);
        }
    }

    public async Task Heartbeat(GridPoint position, double battery)
    {
        CheckBattery(battery);
        S.LastHeartbeat = DateTimeOffset.UtcNow;
        if (S.Mode != RobotMode.External)
        {
            return; // a simulated robot knows where it is
        }

        S.Position = position;
        S.Battery = battery;
        if (S.Status == RobotStatus.Offline)
        {
            S.Status = RobotStatus.Idle;
            await state.WriteStateAsync();
            LogBackOnline(RobotId);
            await Scheduler.RobotIdle(RobotId, S.Position, S.Battery);
        }
    }

    public Task ReportProgress(string taskId, GridPoint position, double battery)
    {
        RequireExternal(nameof(ReportProgress));
        CheckBattery(battery);
        S.LastHeartbeat = DateTimeOffset.UtcNow;
        if (string.Equals(S.CurrentTask?.TaskId, taskId, StringComparison.Ordinal))
        {
            S.DistanceTravelled += S.Position.ManhattanDistanceTo(position);
            S.Status = RobotStatus.Moving;
        }

        S.Position = position;
        S.Battery = battery;
        return Task.CompletedTask;
    }

    public async Task<bool> ReportDone(string taskId)
    {
        RequireExternal(nameof(ReportDone));
        S.LastHeartbeat = DateTimeOffset.UtcNow;
        if (string.Equals(S.CurrentTask?.TaskId, taskId, StringComparison.Ordinal))
        {
            await CompleteTaskAsync(CancellationToken.None);
            return true;
        }

        // Done twice is acknowledged; a task taken away (offline) or never given is not this robot's to finish.
        return S.FinishedTaskIds.Contains(taskId, StringComparer.Ordinal);
    }

    public async Task<bool> ReportFault(string taskId, string reason)
    {
        RequireExternal(nameof(ReportFault));
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        S.LastHeartbeat = DateTimeOffset.UtcNow;
        if (!string.Equals(S.CurrentTask?.TaskId, taskId, StringComparison.Ordinal))
        {
            return false;
        }

        await LoseTaskAsync(RobotStatus.Faulted, reason);
        return true;
    }

    private void StartWatchdog(TimeSpan? firstCheckAfter = null)
    {
        if (_watchdog is not null)
        {
            return;
        }

        var period = _options.HeartbeatTimeout / 4;
        period = period < TimeSpan.FromMilliseconds(20) ? TimeSpan.FromMilliseconds(20) : period;
        var due = firstCheckAfter is { } after && after > period ? after : period;
        _watchdog = RegisterGrainTimer(CheckHeartbeatAsync, new GrainTimerCreationOptions(due, period) { KeepAlive = true });
    }

    private void StopWatchdog()
    {
        _watchdog?.Dispose();
        _watchdog = null;
    }

    private async Task CheckHeartbeatAsync(CancellationToken cancellationToken)
    {
        if (S.Mode != RobotMode.External || S.Status == RobotStatus.Offline)
        {
            return;
        }

        if (DateTimeOffset.UtcNow - S.LastHeartbeat > _options.HeartbeatTimeout)
        {
            await LoseTaskAsync(RobotStatus.Offline, MissedHeartbeats);
        }
    }

    private void RequireExternal(string method)
    {
        if (!S.Started || S.Mode != RobotMode.External)
        {
            throw new InvalidOperationException($"{method}: robot '{RobotId}' is not started in external mode; call StartExternal first.");
        }
    }

    private static void CheckBattery(double battery)
    {
        if (!(battery >= 0 && battery <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(battery), battery, "battery: must be between 0 and 1.");
        }
    }
}
