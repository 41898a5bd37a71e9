using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using MultiAgent.Runtime.Kafka;

namespace MultiAgent.Benchmarks.Streams;

/// <summary>
/// <c>Benchmarks -- kafka-dev [--brokers N --topics … --port-file PATH --exit-on-stdin-close]</c>: the streams
/// suite's broker process (a hidden mode, not a suite). The same host as <c>multiagent-client kafka-dev</c>; it
/// lives here because <c>dotnet run --project Benchmarks</c> does not build the client.
/// </summary>
internal static class KafkaBrokerMode
{
    public const string Name = "kafka-dev";

    public static async Task<int> RunAsync(string[] args)
    {
        if (!KafkaDevArguments.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine($"{Name}: {error}");
            return 2;
        }

        using var exit = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var logging = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Warning)
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        await KafkaDevHost.RunAsync(options, Console.Out, logging.CreateLogger(Name), exit.Token);
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            exit.Cancel();
        }
    }
}
