using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime;

namespace MultiAgent.Client.Commands.Fleet;

/// <summary>One look at a warehouse: the statistics grain's aggregate, the scheduler's queue and, optionally, how many robots are in each status.</summary>
internal sealed record FleetSample(FleetStatistics Statistics, int QueueDepth, IReadOnlyDictionary<RobotStatus, int> RobotsByStatus)
{
    public static async Task<FleetSample> TakeAsync(IGrainFactory grains, string warehouseId, IReadOnlyList<string>? robotIds = null)
    {
        var statistics = grains.GetGrain<IFleetStatisticsGrain>(warehouseId).GetStatistics();
        var depth = grains.GetGrain<ISchedulerGrain>(warehouseId).GetQueueDepth();
        var snapshots = robotIds is null ? Task.FromResult(Array.Empty<RobotSnapshot>()) : Task.WhenAll(robotIds.Select(id => grains.GetGrain<IRobotGrain>(id).GetSnapshot()));
        var byStatus = (await snapshots).GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
        return new FleetSample(await statistics, await depth, byStatus);
    }

    public int Robots(RobotStatus status) => RobotsByStatus.GetValueOrDefault(status);

    /// <summary>Tasks that ended for good (completed or failed) since <paramref name="baseline"/>.</summary>
    public long FinishedSince(FleetSample baseline) =>
        Statistics.TasksCompleted - baseline.Statistics.TasksCompleted + Statistics.TasksFailed - baseline.Statistics.TasksFailed;
}
