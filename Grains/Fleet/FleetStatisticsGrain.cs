using MultiAgent.Runtime;
using MultiAgent.Runtime.Streams;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// Aggregates a warehouse's completion stream since this activation: throughput, order→assign and
/// order→complete latency percentiles, utilisation per robot, failures by reason. Completions are
/// at-least-once, so they are counted once per task id (over a bounded window of recent ids). Kept in
/// memory only: statistics restart with the activation, which <see cref="FleetStatistics.Since"/> tells.
/// </summary>
[ImplicitStreamSubscription(FleetTopics.TaskCompletions)]
public sealed class FleetStatisticsGrain : Grain, IFleetStatisticsGrain, IAsyncObserver<TaskCompleted>, IAsyncObserver<TaskFailed>
{
    private const int LatencySamples = 10_000;
    private const int RememberedTaskIds = 100_000;

    private readonly DateTimeOffset _since = DateTimeOffset.UtcNow;
    private readonly LatencyWindow _orderToAssign = new(LatencySamples);
    private readonly LatencyWindow _orderToComplete = new(LatencySamples);
    private readonly Dictionary<string, RobotTally> _robots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _failuresByReason = new(StringComparer.Ordinal);
    private readonly HashSet<string> _counted = new(StringComparer.Ordinal);
    private readonly Queue<string> _countedOrder = new();
    private long _completed;
    private long _failed;
    private long _requeued;

    public Task OnNextAsync(TaskCompleted item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!Remember(item.TaskId))
        {
            return Task.CompletedTask; // a redelivery or a republish after a crash
        }

        _completed++;
        _orderToAssign.Add(item.OrderToAssign);
        _orderToComplete.Add(item.OrderToComplete);
        var tally = Tally(item.RobotId);
        tally.Completed++;
        if (item.CompletedAt > item.AssignedAt)
        {
            tally.Busy += item.CompletedAt - item.AssignedAt;
        }

        return Task.CompletedTask;
    }

    public Task OnNextAsync(TaskFailed item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Requeued)
        {
            _requeued++;
        }
        else
        {
            _failed++;
        }

        if (item.RobotId is not null)
        {
            Tally(item.RobotId).Failed++;
        }

        _failuresByReason[item.Reason] = _failuresByReason.GetValueOrDefault(item.Reason) + 1;
        return Task.CompletedTask;
    }

    public Task<FleetStatistics> GetStatistics()
    {
        var asOf = DateTimeOffset.UtcNow;
        var window = asOf - _since;
        var seconds = Math.Max(window.TotalSeconds, 1e-3);
        var robots = _robots
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new RobotUtilisation(r.Key, r.Value.Completed, r.Value.Failed, Math.Clamp(r.Value.Busy.TotalSeconds / seconds, 0, 1)))
            .ToList();
        return Task.FromResult(new FleetStatistics(
            this.GetPrimaryKeyString(),
            _since,
            asOf,
            _completed,
            _failed,
            _requeued,
            _completed / seconds,
            _orderToAssign.Percentiles(),
            _orderToComplete.Percentiles(),
            robots,
            new Dictionary<string, long>(_failuresByReason, StringComparer.Ordinal)));
    }

    private RobotTally Tally(string robotId)
    {
        if (!_robots.TryGetValue(robotId, out var tally))
        {
            tally = new RobotTally();
            _robots[robotId] = tally;
        }

        return tally;
    }

    private bool Remember(string taskId)
    {
        if (!_counted.Add(taskId))
        {
            return false;
        }

        _countedOrder.Enqueue(taskId);
        if (_countedOrder.Count > RememberedTaskIds)
        {
            _counted.Remove(_countedOrder.Dequeue());
        }

        return true;
    }
}
