using MultiAgent.Runtime;

namespace MultiAgent.Grains.Fleet;

/// <summary>Simulated robots: a grain timer drives them cell by cell at speed × time scale, drains and recharges the battery.</summary>
public sealed partial class RobotGrain
{
    private IGrainTimer? _motionTimer;
    private DateTimeOffset _lastTick;

    // Fractional cells carried between ticks, so speed is exact whatever the tick length.
    private double _stepBudget;

    public async Task Start(string warehouseId, GridPoint position, double speed, double timeScale)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(warehouseId);
        if (!(speed > 0) || !(timeScale > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), $"speed and timeScale must be positive, got {speed} and {timeScale}.");
        }

        if (S.Started && (S.CurrentTask is not null || S.Phase != RobotPhase.None))
        {
            // Started again mid-task (e.g. a re-run spawn): keep the task, take the new pace.
            S.Speed = speed;
            S.TimeScale = timeScale;
            await state.WriteStateAsync();
            ResumeMotion();
            return;
        }

        StopWatchdog();
        S.Started = true;
        S.WarehouseId = warehouseId;
        S.Mode = RobotMode.Simulated;
        S.Position = position;
        S.Battery = 1;
        S.Speed = speed;
        S.TimeScale = timeScale;
        S.Status = RobotStatus.Idle;
        S.Phase = RobotPhase.None;
        S.LastHeartbeat = DateTimeOffset.UtcNow;
        await RegisterWithWarehouseAsync();
        _layout = await Warehouse.GetLayout();
        await state.WriteStateAsync();
        LogStarted(RobotId, warehouseId, S.Mode, position);
        await Scheduler.RobotIdle(RobotId, S.Position, S.Battery);
    }

    /// <param name="firstTickAfter">From OnActivateAsync, later than one tick: a tick firing before the activation is ready is dropped, and the timer with it.</param>
    private void ResumeMotion(TimeSpan? firstTickAfter = null)
    {
        _lastTick = DateTimeOffset.UtcNow;
        _stepBudget = 0;
        var interval = RobotMotion.TickInterval(S.Speed, S.TimeScale, _options.MinTick, _options.MaxTick);
        var due = firstTickAfter is { } after && after > interval ? after : interval;
        if (_motionTimer is null)
        {
            _motionTimer = RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(due, interval) { KeepAlive = true });
        }
        else
        {
            _motionTimer.Change(due, interval);
        }
    }

    // Paused rather than disposed: disposing from inside a tick would cancel the tick's own token mid-write.
    private void PauseMotion() => _motionTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var elapsed = Math.Max(0, (now - _lastTick).TotalSeconds);
        _lastTick = now;
        switch (S.Phase)
        {
            case RobotPhase.ToPick or RobotPhase.ToDrop or RobotPhase.ToCharger:
                Drive(elapsed);
                break;
            case RobotPhase.Charging:
                S.Battery = Math.Min(1, S.Battery + (_options.ChargePerSecond * elapsed * S.TimeScale));
                break;
        }

        if (S.Phase == RobotPhase.Delivered)
        {
            // Retried on the next tick if publishing fails: the task is done only once its completion is out.
            await CompleteTaskAsync(cancellationToken);
        }
        else if (S.Phase == RobotPhase.Charging && S.Battery >= 1)
        {
            await FinishChargingAsync();
        }

        if (S.Phase == RobotPhase.None)
        {
            PauseMotion();
        }
    }

    private void Drive(double elapsedSeconds)
    {
        _stepBudget += elapsedSeconds * S.Speed * S.TimeScale;
        while (IsDriving(S.Phase))
        {
            if (S.Position == S.Target)
            {
                Arrive();
                continue;
            }

            if (_stepBudget < 1)
            {
                return;
            }

            _stepBudget -= 1;
            S.Position = RobotMotion.StepToward(S.Position, S.Target);
            S.DistanceTravelled++;
            S.Battery = Math.Max(0, S.Battery - _options.BatteryPerCell);
        }

        _stepBudget = 0;
    }

    private void Arrive()
    {
        switch (S.Phase)
        {
            case RobotPhase.ToPick:
                S.Phase = RobotPhase.ToDrop;
                S.Target = S.CurrentTask!.Order.DropLocation;
                break;
            case RobotPhase.ToDrop:
                S.Phase = RobotPhase.Delivered;
                break;
            case RobotPhase.ToCharger:
                S.Phase = RobotPhase.Charging;
                break;
        }
    }

    private async Task FinishChargingAsync()
    {
        S.Phase = RobotPhase.None;
        S.Status = RobotStatus.Idle;
        await state.WriteStateAsync(CancellationToken.None);
        LogCharged(RobotId, S.Position);
        await Scheduler.RobotIdle(RobotId, S.Position, S.Battery);
    }

    private static bool IsDriving(RobotPhase phase) => phase is RobotPhase.ToPick or RobotPhase.ToDrop or RobotPhase.ToCharger;
}
