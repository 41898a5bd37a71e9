namespace MultiAgent.Grains.Fleet;

/// <summary>A latency distribution in milliseconds over <paramref name="Count"/> samples; all zero when there are none.</summary>
public sealed record LatencyPercentiles(long Count, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    public static LatencyPercentiles Empty { get; } = new(0, 0, 0, 0, 0);
}
