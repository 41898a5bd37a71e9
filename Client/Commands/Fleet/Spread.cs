namespace MultiAgent.Client.Commands.Fleet;

/// <summary>Mean, standard deviation and range of some per-robot figure.</summary>
internal sealed record Spread(int Count, double Mean, double StandardDeviation, double Min, double Max)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return new Spread(0, 0, 0, 0, 0);
        }

        var mean = list.Average();
        var variance = list.Sum(v => (v - mean) * (v - mean)) / list.Count;
        return new Spread(list.Count, mean, Math.Sqrt(variance), list.Min(), list.Max());
    }
}
