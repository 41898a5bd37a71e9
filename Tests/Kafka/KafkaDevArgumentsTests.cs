using MultiAgent.Runtime.Kafka;

namespace MultiAgent.Tests.Kafka;

/// <summary>The kafka-dev command line and its topic list: what a parent writes, the broker reads back; bad input names what is wrong.</summary>
public sealed class KafkaDevArgumentsTests
{
    [Fact]
    public void Topic_list_parses_names_and_partition_counts()
    {
        var topics = KafkaTopicSpec.ParseList("orders:8, task-completions:8,orders.dlq:1,plain");

        Assert.Equal(["orders:8", "task-completions:8", "orders.dlq:1", $"plain:{KafkaTopicSpec.MockAutoCreatePartitions}"], topics.Select(t => t.ToString()));
    }

    [Theory]
    [InlineData("orders:0", "at least 1 partition")]
    [InlineData("orders:x", "not name:partitions")]
    [InlineData("or/ders:1", "not a Kafka topic name")]
    [InlineData("orders:1,orders:2", "listed twice")]
    public void Bad_topic_lists_are_rejected_with_the_reason(string specs, string reason)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => KafkaTopicSpec.ParseList(specs));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Formatted_arguments_parse_back_to_the_same_options()
    {
        var options = new KafkaDevHostOptions
        {
            Brokers = 3,
            Topics = KafkaTopicSpec.ParseList("a:2,b:1"),
            PortFile = "/tmp/port",
            ExitOnStdinClose = true,
        };

        Assert.True(KafkaDevArguments.TryParse(KafkaDevArguments.Format(options), out var parsed, out var error), error);
        Assert.Equal(3, parsed.Brokers);
        Assert.Equal(["a:2", "b:1"], parsed.Topics.Select(t => t.ToString()));
        Assert.Equal("/tmp/port", parsed.PortFile);
        Assert.True(parsed.ExitOnStdinClose);
    }

    [Theory]
    [InlineData("--brokers", "0")]
    [InlineData("--brokers")]
    [InlineData("--colour", "red")]
    public void Bad_arguments_are_rejected_naming_the_argument(params string[] arguments)
    {
        Assert.False(KafkaDevArguments.TryParse(arguments, out _, out var error));
        Assert.Contains(arguments[0], error, StringComparison.Ordinal);
    }
}
