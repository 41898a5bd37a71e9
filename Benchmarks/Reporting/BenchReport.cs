using System.Globalization;

namespace MultiAgent.Benchmarks.Reporting;

/// <summary>Collects figures, prints them as a table for people, then one <c>BENCH name value unit</c> line each for scripts.</summary>
internal sealed class BenchReport
{
    private readonly List<(string Name, double Value, string Unit, string Note)> _figures = [];

    public void Add(string name, double value, string unit, string note = "")
    {
        _figures.Add((name, value, unit, note));
        Console.WriteLine($"  {name,-40} {Format(value),14} {unit,-8} {note}");
    }

    public void PrintMachineReadable()
    {
        Console.WriteLine();
        foreach (var (name, value, unit, _) in _figures)
        {
            Console.WriteLine($"BENCH {name} {Format(value)} {unit}");
        }
    }

    private static string Format(double value) =>
        Math.Abs(value) >= 100 ? value.ToString("F0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);
}
