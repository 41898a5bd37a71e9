using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Runtime.Streams.Kafka;

/// <summary>A Kafka stream provider. Section <c>MultiAgent:Streams:{name}</c>; <c>BootstrapServers</c> falls back to <c>MultiAgent:Kafka:BootstrapServers</c>.</summary>
public sealed class KafkaStreamOptions
{
    public const string SharedBootstrapKey = ConfigurationKeys.Root + ":Kafka:BootstrapServers";

    public static string Section(string providerName) => $"{ConfigurationKeys.Root}:Streams:{providerName}";

    public string? BootstrapServers { get; set; }

    /// <summary>Topic per stream namespace; a namespace not listed uses a topic of its own name.</summary>
    public Dictionary<string, string> Topics { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Namespaces this silo consumes besides those with implicit subscribers (e.g. ones only subscribed explicitly).</summary>
    public List<string> Namespaces { get; set; } = [];

    /// <summary>One group per cluster, so Kafka spreads partitions over the silos; defaults to <c>{clusterId}.{provider}</c>.</summary>
    public string? ConsumerGroup { get; set; }

    /// <summary>Attempts to deliver an event before it goes to the dead-letter topic.</summary>
    public int MaxDeliveryAttempts { get; set; } = 6;

    /// <summary>
    /// First back-off, doubling per attempt: with the defaults the retries span 6.2 s, longer than the
    /// membership's failure detection (5 s), so events for grains of a silo that just died wait for its
    /// grains to move instead of being dead-lettered.
    /// </summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Events queued per partition before the partition is paused (back-pressure).</summary>
    public int MaxQueuedPerPartition { get; set; } = 1_000;

    /// <summary>
    /// Events per partition taken from its queue and not yet delivered: being delivered (different keys
    /// concurrently; one key is always one delivery at a time) or gathering behind their key's delivery.
    /// </summary>
    public int MaxInFlightPerPartition { get; set; } = 256;

    /// <summary>
    /// Most events of one key handed to a subscriber in one turn: those that queued while its previous
    /// delivery ran (none wait to fill a batch). A batch observer can then make them durable with one write.
    /// </summary>
    public int MaxBatchSize { get; set; } = 128;

    /// <summary>How long an empty fetch waits; small for latency (the embedded broker waits the whole time).</summary>
    public int FetchWaitMaxMs { get; set; } = 5;

    public int SessionTimeoutMs { get; set; } = 6_000;

    /// <summary>Dead-letter topic of a topic: <c>{topic}{suffix}</c>.</summary>
    public string DeadLetterSuffix { get; set; } = ".dlq";

    public string TopicFor(string streamNamespace) => Topics.TryGetValue(streamNamespace, out var topic) ? topic : streamNamespace;
}

internal sealed class KafkaStreamOptionsValidator : IValidateOptions<KafkaStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaStreamOptions options)
    {
        var section = KafkaStreamOptions.Section(name ?? "?");
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            errors.Add($"{section}:BootstrapServers (or {KafkaStreamOptions.SharedBootstrapKey}) is required for Kafka stream provider '{name}' (e.g. 127.0.0.1:9092).");
        }

        if (options.MaxDeliveryAttempts < 1)
        {
            errors.Add($"{section}:MaxDeliveryAttempts must be at least 1 (was {options.MaxDeliveryAttempts}).");
        }

        if (options.MaxQueuedPerPartition < 1)
        {
            errors.Add($"{section}:MaxQueuedPerPartition must be at least 1 (was {options.MaxQueuedPerPartition}).");
        }

        if (options.MaxInFlightPerPartition < 1)
        {
            errors.Add($"{section}:MaxInFlightPerPartition must be at least 1 (was {options.MaxInFlightPerPartition}).");
        }

        if (options.MaxBatchSize is < 1 or > StreamDeliveryRequest.MaxEvents)
        {
            errors.Add($"{section}:MaxBatchSize must be 1–{StreamDeliveryRequest.MaxEvents} (was {options.MaxBatchSize}).");
        }

        if (options.FetchWaitMaxMs is < 0 or > 10_000)
        {
            errors.Add($"{section}:FetchWaitMaxMs must be 0–10000 (was {options.FetchWaitMaxMs}).");
        }

        SiloOptionsValidator.RequirePositive(errors, section, nameof(options.RetryBaseDelay), options.RetryBaseDelay);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
