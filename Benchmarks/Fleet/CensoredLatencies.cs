namespace MultiAgent.Benchmarks.Fleet;

/// <summary>
/// Latencies in milliseconds where some are only known to be at least a value (an order not yet assigned or
/// completed when the run stopped waiting). Leaving those out would flatter an overloaded system, so they count at
/// their lower bound, and a percentile says whether it is exact or itself only a lower bound.
/// </summary>
internal sealed class CensoredLatencies
{
    private readonly List<double> _exact = [];
    private readonly List<double> _atLeast = [];

    public int Count => _exact.Count + _atLeast.Count;

    /// <summary>Samples known only as lower bounds.</summary>
    public int Censored => _atLeast.Count;

    public void Add(TimeSpan latency) => _exact.Add(latency.TotalMilliseconds);

    public void AddAtLeast(TimeSpan latency) => _atLeast.Add(latency.TotalMilliseconds);

    /// <summary>
    /// The nearest-rank percentile. Exact when every lower bound lies above it (their true values are higher still,
    /// so they cannot move it); otherwise the true percentile is at least the value.
    /// </summary>
    public (double Ms, bool Exact) Percentile(double percentile)
    {
        if (Count == 0)
        {
            return (double.NaN, false);
        }

        var all = _exact.Concat(_atLeast).Order().ToArray();
        var rank = (int)Math.Clamp(Math.Ceiling(percentile / 100 * all.Length) - 1, 0, all.Length - 1);
        var value = all[rank];
        return (value, _atLeast.All(bound => bound > value));
    }
}
