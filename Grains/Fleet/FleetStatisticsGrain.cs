using Microsoft.Extensions.Logging;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Streams;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// Aggregates a warehouse's completion stream: throughput, order→assign and order→complete latency
/// percentiles, utilisation per robot, failures by reason. A batch observer: the events that queued while
/// it stored the previous ones are counted together and stored with one write, before the delivery is
/// acknowledged, so a silo crash loses nothing: the stream redelivers from its last acknowledged event, and
/// what was counted is recognised by each robot's last event time (completions are at-least-once; a
/// repeat is never counted twice).
/// </summary>
[ImplicitStreamSubscription(FleetTopics.TaskCompletions)]
public sealed partial class FleetStatisticsGrain(
    [PersistentState("statistics", FleetStreams.StorageName)] IPersistentState<FleetStatisticsState> state,
    ILogger<FleetStatisticsGrain> logger) : Grain, IFleetStatisticsGrain, IAsyncBatchObserver<TaskCompleted>, IAsyncBatchObserver<TaskFailed>
{
    private FleetStatisticsState S => state.State;

    public Task OnNextAsync(IList<SequentialItem<TaskCompleted>> items)
    {
        var counted = false;
        foreach (var item in items)
        {
            counted |= Count(item.Item);
        }

        return counted ? SaveAsync() : Task.CompletedTask;
    }

    public Task OnNextAsync(IList<SequentialItem<TaskFailed>> items)
    {
        var counted = false;
        foreach (var item in items)
        {
            counted |= Count(item.Item);
        }

        return counted ? SaveAsync() : Task.CompletedTask;
    }

    /// <returns>False for a redelivery or a republish after a crash, which is not counted again.</returns>
    private bool Count(TaskCompleted item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var tally = Tally(item.RobotId);
        if (!tally.Advance(item.CompletedAt))
        {
            return false;
        }

        tally.Completed++;
        if (item.CompletedAt > item.AssignedAt)
        {
            tally.BusyTicks += (item.CompletedAt - item.AssignedAt).Ticks;
        }

        S.Completed++;
        S.OrderToAssign.Add(item.OrderToAssign);
        S.OrderToComplete.Add(item.OrderToComplete);
        return true;
    }

    private bool Count(TaskFailed item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.RobotId is not null)
        {
            var tally = Tally(item.RobotId);
            if (!tally.Advance(item.FailedAt))
            {
                return false;
            }

            tally.Failed++;
        }

        if (item.Requeued)
        {
            S.Requeued++;
        }
        else
        {
            S.Failed++;
        }

        S.FailuresByReason[item.Reason] = S.FailuresByReason.GetValueOrDefault(item.Reason) + 1;
        return true;
    }

    public Task<FleetStatistics> GetStatistics()
    {
        var asOf = DateTimeOffset.UtcNow;
        var since = S.Since == default ? asOf : S.Since;
        var seconds = Math.Max((asOf - since).TotalSeconds, 1e-3);
        var robots = S.Robots
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new RobotUtilisation(r.Key, r.Value.Completed, r.Value.Failed, Math.Clamp(TimeSpan.FromTicks(r.Value.BusyTicks).TotalSeconds / seconds, 0, 1)))
            .ToList();
        return Task.FromResult(new FleetStatistics(
            this.GetPrimaryKeyString(),
            since,
            asOf,
            S.Completed,
            S.Failed,
            S.Requeued,
            S.Completed / seconds,
            S.OrderToAssign.Percentiles(),
            S.OrderToComplete.Percentiles(),
            robots,
            new Dictionary<string, long>(S.FailuresByReason, StringComparer.Ordinal)));
    }

    private RobotTally Tally(string robotId)
    {
        if (!S.Robots.TryGetValue(robotId, out var tally))
        {
            tally = new RobotTally();
            S.Robots[robotId] = tally;
        }

        return tally;
    }

    /// <summary>
    /// Stored before the delivery returns (only then may the stream acknowledge it). If storing fails, memory
    /// is put back to what is stored, so the redelivery of these events counts them then rather than skipping them.
    /// </summary>
    private async Task SaveAsync()
    {
        if (S.Since == default)
        {
            S.Since = DateTimeOffset.UtcNow;
        }

        try
        {
            await state.WriteStateAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            LogWriteFailed(e, this.GetPrimaryKeyString());
            try
            {
                await state.ReadStateAsync(CancellationToken.None);
            }
            catch (Exception)
            {
                DeactivateOnIdle(); // the next activation loads what is stored
            }

            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Statistics of warehouse {WarehouseId} could not be stored; the event will be counted on redelivery")]
    private partial void LogWriteFailed(Exception exception, string warehouseId);
}
