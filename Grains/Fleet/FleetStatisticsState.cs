using System.Text.Json.Serialization;

namespace MultiAgent.Grains.Fleet;

/// <summary>What the statistics grain persists after every event it counts (see <see cref="FleetStatisticsGrain"/>).</summary>
public sealed class FleetStatisticsState
{
    /// <summary>Recent samples kept per latency: enough for a stable p99, small enough to write on every event.</summary>
    public const int LatencySamples = 2_000;

    /// <summary>When the first event was counted; default before any.</summary>
    public DateTimeOffset Since { get; set; }

    public long Completed { get; set; }

    public long Failed { get; set; }

    public long Requeued { get; set; }

    public LatencyWindow OrderToAssign { get; set; } = new(LatencySamples);

    public LatencyWindow OrderToComplete { get; set; } = new(LatencySamples);

    [JsonIgnore]
    public Dictionary<string, RobotTally> Robots { get; private set; } = new(StringComparer.Ordinal);

    /// <summary><see cref="Robots"/> as stored.</summary>
    public PackedTallies PackedRobots
    {
        get => PackedTallies.Pack(Robots);
        set => Robots = value?.Unpack() ?? new(StringComparer.Ordinal);
    }

    /// <summary>Final failures and requeues, by reason.</summary>
    public Dictionary<string, long> FailuresByReason { get; set; } = new(StringComparer.Ordinal);
}
