using System.CommandLine;
using Microsoft.Extensions.Logging;
using MultiAgent.Runtime.Kafka;

namespace MultiAgent.Client.Commands;

/// <summary>
/// <c>kafka-dev</c>: an embedded Kafka broker (librdkafka's mock cluster) in this process, for development and
/// tests. Prints <c>bootstrap: 127.0.0.1:PORT</c> on stdout (logs go to stderr) and runs until Ctrl-C/SIGTERM.
/// </summary>
internal static class KafkaDevCommand
{
    public static Command Create()
    {
        var brokers = new Option<int>(KafkaDevArguments.Brokers)
        {
            Description = "How many mock brokers (1 or 3 are typical).",
            DefaultValueFactory = _ => 1,
        };
        brokers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 16)
            {
                result.AddError("--brokers must be between 1 and 16.");
            }
        });

        var topics = new Option<string>(KafkaDevArguments.Topics)
        {
            Description = "Topics to create as name:partitions, comma-separated (others are created on first use with 4 partitions).",
            DefaultValueFactory = _ => KafkaDevHostOptions.DefaultTopics,
        };
        topics.Validators.Add(result =>
        {
            try
            {
                KafkaTopicSpec.ParseList(result.GetValueOrDefault<string>());
            }
            catch (ArgumentException e)
            {
                result.AddError($"--topics: {e.Message}");
            }
        });

        var portFile = new Option<FileInfo?>(KafkaDevArguments.PortFile)
        {
            Description = "Write the bootstrap address to this file once the topics exist (removed on exit).",
        };
        var exitOnStdinClose = new Option<bool>(KafkaDevArguments.ExitOnStdinClose)
        {
            Description = "Stop when standard input closes (for a parent process that starts the broker).",
        };
        var verbose = new Option<bool>("--verbose") { Description = "Log librdkafka's debug lines too." };

        var command = new Command("kafka-dev", "Run an embedded Kafka broker (librdkafka mock cluster) on loopback for development and tests.")
        {
            brokers, topics, portFile, exitOnStdinClose, verbose,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new KafkaDevHostOptions
            {
                Brokers = parsed.GetValue(brokers),
                Topics = KafkaTopicSpec.ParseList(parsed.GetValue(topics)),
                PortFile = parsed.GetValue(portFile)?.FullName,
                ExitOnStdinClose = parsed.GetValue(exitOnStdinClose),
            };
            using var logging = LoggerFactory.Create(builder => builder
                .SetMinimumLevel(parsed.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information)
                .AddSimpleConsole(console =>
                {
                    console.SingleLine = true;
                    console.TimestampFormat = "HH:mm:ss.fff ";
                })
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
            var logger = logging.CreateLogger("MultiAgent.KafkaDev");
            try
            {
                await KafkaDevHost.RunAsync(options, Console.Out, logger, cancellationToken);
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or Confluent.Kafka.KafkaException or IOException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
