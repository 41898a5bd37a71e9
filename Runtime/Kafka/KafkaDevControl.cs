using Microsoft.Extensions.Logging;

namespace MultiAgent.Runtime.Kafka;

/// <summary>
/// The line protocol a parent speaks to a <c>kafka-dev</c> process over its stdin (with
/// <c>--exit-on-stdin-close</c>): <c>create-topic name:partitions</c>, answered on stdout by
/// <c>topic-created name:partitions</c> or <c>error message</c>. It lets tests create topics with exact
/// partition counts at run time, which neither the admin client nor auto-creation can do on the mock.
/// </summary>
public static partial class KafkaDevControl
{
    public const string CreateTopic = "create-topic ";
    public const string TopicCreated = "topic-created ";
    public const string Error = "error ";

    /// <summary>Serves commands until stdin ends; runs on its own thread because the reads block.</summary>
    public static Task ServeUntilStdinClosesAsync(EmbeddedKafkaCluster cluster, TextWriter output, ILogger logger) => Task.Factory.StartNew(
        () =>
        {
            using var stdin = new StreamReader(Console.OpenStandardInput());
            while (stdin.ReadLine() is { } line)
            {
                if (line.Length > 0)
                {
                    output.WriteLine(Handle(cluster, line.Trim(), logger));
                    output.Flush();
                }
            }
        },
        CancellationToken.None,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default);

    private static string Handle(EmbeddedKafkaCluster cluster, string line, ILogger logger)
    {
        if (!line.StartsWith(CreateTopic, StringComparison.Ordinal))
        {
            return $"{Error}unknown command '{line}' (expected '{CreateTopic}name:partitions')";
        }

        try
        {
            var topics = KafkaTopicSpec.ParseList(line[CreateTopic.Length..]);
            if (topics.Count != 1)
            {
                return $"{Error}{CreateTopic}takes exactly one name:partitions";
            }

            cluster.CreateTopic(topics[0].Name, topics[0].Partitions);
            return $"{TopicCreated}{topics[0]}";
        }
        catch (Exception e) when (e is ArgumentException or Confluent.Kafka.KafkaException or ObjectDisposedException)
        {
            LogCommandFailed(logger, line, e.Message);
            return $"{Error}{e.Message.ReplaceLineEndings(" ")}";
        }
    }

    [LoggerMessage(EventId = 7121, Level = LogLevel.Warning, Message = "kafka-dev command '{Command}' failed: {Reason}")]
    private static partial void LogCommandFailed(ILogger logger, string command, string reason);
}
