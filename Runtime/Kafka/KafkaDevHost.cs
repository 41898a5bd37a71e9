using Microsoft.Extensions.Logging;

namespace MultiAgent.Runtime.Kafka;

/// <summary>
/// Runs an <see cref="EmbeddedKafkaCluster"/> as a development broker process: creates the topics, prints
/// <c>bootstrap: host:port</c>, writes the port file, then waits for cancellation (Ctrl-C, SIGTERM) or, if
/// asked, the end of standard input, serving <see cref="KafkaDevControl"/> commands meanwhile. Shared by
/// <c>multiagent-client kafka-dev</c> and the benchmarks.
/// </summary>
public static partial class KafkaDevHost
{
    public const string BootstrapPrefix = "bootstrap: ";

    public static async Task RunAsync(KafkaDevHostOptions options, TextWriter output, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(logger);

        using var cluster = EmbeddedKafkaCluster.Start(options.Brokers, logger);
        cluster.CreateTopics(options.Topics);

        await output.WriteLineAsync($"{BootstrapPrefix}{cluster.BootstrapServers}".AsMemory(), cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (options.PortFile is { } portFile)
        {
            await WritePortFileAsync(portFile, cluster.BootstrapServers, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            // WhenAny: a cancelled wait is the normal way out, not an error.
            var signalled = Task.Delay(Timeout.Infinite, cancellationToken);
            await (options.ExitOnStdinClose
                ? Task.WhenAny(signalled, KafkaDevControl.ServeUntilStdinClosesAsync(cluster, output, logger))
                : Task.WhenAny(signalled)).ConfigureAwait(false);
            LogStopping(logger, cancellationToken.IsCancellationRequested ? "signal" : "end of standard input");
        }
        finally
        {
            if (options.PortFile is { } written)
            {
                File.Delete(written);
            }
        }
    }

    /// <summary>Write-then-rename, so a reader polling for the file never sees half an address.</summary>
    private static async Task WritePortFileAsync(string path, string bootstrapServers, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        await File.WriteAllTextAsync(temporary, bootstrapServers + "\n", cancellationToken).ConfigureAwait(false);
        File.Move(temporary, full, overwrite: true);
    }

    [LoggerMessage(EventId = 7120, Level = LogLevel.Information, Message = "Embedded Kafka stopping on {Reason}")]
    private static partial void LogStopping(ILogger logger, string reason);
}
