namespace MultiAgent.Runtime.Kafka;

/// <summary>What <see cref="KafkaDevHost"/> runs: how many mock brokers, which topics, and how it reports and stops.</summary>
public sealed record KafkaDevHostOptions
{
    /// <summary>The topics the project uses, with the partition counts its streams expect.</summary>
    public const string DefaultTopics = "orders:8,task-completions:8,orders.dlq:1";

    public int Brokers { get; init; } = 1;

    public IReadOnlyList<KafkaTopicSpec> Topics { get; init; } = KafkaTopicSpec.ParseList(DefaultTopics);

    /// <summary>Where to write the bootstrap address once the topics exist (written whole, via rename); deleted on exit.</summary>
    public string? PortFile { get; init; }

    /// <summary>Stop when standard input reaches its end: a parent holding our stdin can never leave us orphaned.</summary>
    public bool ExitOnStdinClose { get; init; }
}
