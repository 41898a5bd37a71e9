using System.Globalization;
using System.Text.RegularExpressions;

namespace MultiAgent.Runtime.Kafka;

/// <summary>A topic to create on the embedded broker: its name and partition count, written <c>name:partitions</c>.</summary>
public sealed partial record KafkaTopicSpec
{
    /// <summary>What librdkafka's mock cluster gives a topic it creates on first use.</summary>
    public const int MockAutoCreatePartitions = 4;

    public KafkaTopicSpec(string name, int partitions)
    {
        if (!LegalName().IsMatch(name) || name is "." or "..")
        {
            throw new ArgumentException($"'{name}' is not a Kafka topic name (1-249 of a-z, A-Z, 0-9, '.', '_', '-').");
        }

        if (partitions < 1)
        {
            throw new ArgumentException($"Topic '{name}' needs at least 1 partition, not {partitions}.");
        }

        Name = name;
        Partitions = partitions;
    }

    public string Name { get; }

    public int Partitions { get; }

    /// <summary>Parses <c>orders:8,task-completions:8,orders.dlq:1</c>; a name without a count gets <see cref="MockAutoCreatePartitions"/>.</summary>
    public static IReadOnlyList<KafkaTopicSpec> ParseList(string? specs)
    {
        var topics = new List<KafkaTopicSpec>();
        foreach (var spec in (specs ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = spec.Split(':', StringSplitOptions.TrimEntries);
            var partitions = MockAutoCreatePartitions;
            if (parts.Length > 2 || parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out partitions))
            {
                throw new ArgumentException($"'{spec}' is not name:partitions (e.g. orders:8).");
            }

            var topic = new KafkaTopicSpec(parts[0], partitions);
            if (topics.Any(t => t.Name == topic.Name))
            {
                throw new ArgumentException($"Topic '{topic.Name}' is listed twice.");
            }

            topics.Add(topic);
        }

        return topics;
    }

    public override string ToString() => $"{Name}:{Partitions.ToString(CultureInfo.InvariantCulture)}";

    [GeneratedRegex("^[a-zA-Z0-9._-]{1,249}$")]
    private static partial Regex LegalName();
}
