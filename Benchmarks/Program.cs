using MultiAgent.Benchmarks.Cluster;
using MultiAgent.Benchmarks.Fleet;
using MultiAgent.Benchmarks.Reporting;
using MultiAgent.Benchmarks.Runtime;
using MultiAgent.Benchmarks.Streams;

// dotnet run -c Release --project Benchmarks -- <suite>   (suites: runtime, cluster, streams, fleet, agents, all)
// Hidden modes: '-- silo-host …' runs this executable as the cluster suite's second silo process,
// '-- kafka-dev …' as the streams suite's embedded Kafka broker.
if (args.Length > 0 && args[0] == SiloHostMode.Name)
{
    return await SiloHostMode.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == KafkaBrokerMode.Name)
{
    return await KafkaBrokerMode.RunAsync(args[1..]);
}

var suites = new Dictionary<string, Func<BenchReport, Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["runtime"] = RuntimeSuite.RunAsync,
    ["cluster"] = ClusterSuite.RunAsync,
    ["streams"] = StreamsSuite.RunAsync,
    ["fleet"] = FleetSuite.RunAsync,
};
string[] planned = ["agents"];

var requested = args.Length == 0 ? "all" : args[0];
IEnumerable<string> toRun;
if (requested.Equals("all", StringComparison.OrdinalIgnoreCase))
{
    toRun = suites.Keys;
}
else if (suites.ContainsKey(requested))
{
    toRun = [requested];
}
else if (planned.Contains(requested, StringComparer.OrdinalIgnoreCase))
{
    Console.Error.WriteLine($"The '{requested}' suite is not built yet; available: {string.Join(", ", suites.Keys)}, all.");
    return 2;
}
else
{
    Console.Error.WriteLine($"Unknown suite '{requested}'. Suites: {string.Join(", ", suites.Keys.Concat(planned))}, all.");
    return 2;
}

#if DEBUG
Console.Error.WriteLine("warning: a Debug build; run with -c Release for meaningful figures.");
#endif
var report = new BenchReport();
foreach (var suite in toRun)
{
    Console.WriteLine($"== {suite} ({Environment.ProcessorCount} cores, .NET {Environment.Version})");
    await suites[suite](report);
}

report.PrintMachineReadable();
return 0;
