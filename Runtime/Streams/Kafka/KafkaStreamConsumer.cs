using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiAgent.Runtime.Kafka;

namespace MultiAgent.Runtime.Streams.Kafka;

/// <summary>
/// This silo's consumer for one Kafka stream provider: one consumer group per cluster, so Kafka
/// spreads partitions over the silos and moves them when a silo joins or dies. A partition whose
/// queue is full is paused (back-pressure) and resumed when its worker has caught up.
/// </summary>
internal sealed partial class KafkaStreamConsumer : BackgroundService
{
    private readonly Dictionary<TopicPartition, PartitionWorker> _workers = [];
    private readonly Dictionary<TopicPartition, Queue<ConsumeResult<string, byte[]>>> _paused = [];
    private readonly Dictionary<string, string> _namespaceByTopic;
    private readonly string _groupId;
    private readonly Lazy<IProducer<string, byte[]>> _deadLetters;
    private readonly ILogger _logger;
    private IConsumer<string, byte[]>? _consumer;

    public KafkaStreamConsumer(
        string providerName,
        KafkaStreamOptions options,
        IReadOnlyCollection<string> namespaces,
        string clusterId,
        StreamDeliverer deliverer,
        ILogger logger)
    {
        ProviderName = providerName;
        Options = options;
        Deliverer = deliverer;
        Logger = logger;
        _logger = logger;
        _namespaceByTopic = namespaces.Distinct().ToDictionary(options.TopicFor, ns => ns, StringComparer.Ordinal);
        _groupId = options.ConsumerGroup ?? $"{clusterId}.{providerName}";
        _deadLetters = new(() => new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            ClientId = $"multiagent-{providerName}-dlq",
        }).Build());
    }

    public string ProviderName { get; }

    public KafkaStreamOptions Options { get; }

    public StreamDeliverer Deliverer { get; }

    public ILogger Logger { get; }

    /// <summary>Times a partition was paused because its queue was full (back-pressure at work).</summary>
    public int Pauses => Volatile.Read(ref _pauses);

    private int _pauses;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_namespaceByTopic.Count == 0)
        {
            LogNothingToConsume(ProviderName);
            return Task.CompletedTask;
        }

        KafkaNative.EnsureLoaded();
        // Consume blocks: give the loop a thread of its own rather than a thread-pool thread.
        return Task.Factory.StartNew(() => ConsumeLoop(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void ConsumeLoop(CancellationToken stoppingToken)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = Options.BootstrapServers,
            GroupId = _groupId,
            ClientId = $"multiagent-{ProviderName}-consumer",
            EnableAutoCommit = true,
            AutoCommitIntervalMs = 200,
            EnableAutoOffsetStore = false, // only offsets of delivered events are stored, hence committed
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = Options.FetchWaitMaxMs,
            SessionTimeoutMs = Options.SessionTimeoutMs,
            HeartbeatIntervalMs = Math.Max(100, Options.SessionTimeoutMs / 6),
        })
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition)))
            .SetPartitionsLostHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition)))
            .SetLogHandler((_, message) => KafkaLogBridge.Log(Logger, message))
            .SetErrorHandler((_, error) => LogKafkaError(ProviderName, error.Reason))
            .Build();
        _consumer = consumer;
        consumer.Subscribe(_namespaceByTopic.Keys);
        LogStarted(ProviderName, _groupId, string.Join(", ", _namespaceByTopic.Keys));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ResumeDrained(consumer);
                ConsumeResult<string, byte[]>? result;
                try
                {
                    result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                }
                catch (ConsumeException e)
                {
                    LogKafkaError(ProviderName, e.Error.Reason);
                    continue;
                }

                if (result is null || result.IsPartitionEOF)
                {
                    continue;
                }

                Enqueue(consumer, result);
            }
        }
        finally
        {
            OnRevoked([.. _workers.Keys]);
            consumer.Close(); // commits the stored offsets and leaves the group at once
            _consumer = null;
        }
    }

    private void Enqueue(IConsumer<string, byte[]> consumer, ConsumeResult<string, byte[]> result)
    {
        var partition = result.TopicPartition;
        if (_paused.TryGetValue(partition, out var held))
        {
            held.Enqueue(result);
        }
        else if (_workers.TryGetValue(partition, out var worker) && !worker.TryEnqueue(result))
        {
            consumer.Pause([partition]);
            Interlocked.Increment(ref _pauses);
            _paused[partition] = new Queue<ConsumeResult<string, byte[]>>([result]);
            LogPaused(partition.ToString(), Options.MaxQueuedPerPartition);
        }
    }

    private void ResumeDrained(IConsumer<string, byte[]> consumer)
    {
        foreach (var (partition, held) in _paused.ToList())
        {
            if (!_workers.TryGetValue(partition, out var worker))
            {
                ForgetPaused(partition);
                continue;
            }

            while (held.Count > 0 && worker.TryEnqueue(held.Peek()))
            {
                held.Dequeue();
            }

            if (held.Count == 0 && worker.Queued <= Options.MaxQueuedPerPartition / 2)
            {
                _paused.Remove(partition);
                consumer.Resume([partition]);
            }
        }
    }

    private void OnAssigned(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            if (!_workers.ContainsKey(partition) && _namespaceByTopic.TryGetValue(partition.Topic, out var streamNamespace))
            {
                _workers[partition] = new PartitionWorker(partition, streamNamespace, Options.MaxQueuedPerPartition, this);
            }
        }

        LogAssigned(ProviderName, _workers.Count);
    }

    private void OnRevoked(IEnumerable<TopicPartition> partitions)
    {
        var stopping = new List<Task>();
        foreach (var partition in partitions)
        {
            if (_workers.Remove(partition, out var worker))
            {
                stopping.Add(worker.RevokeAsync());
            }

            ForgetPaused(partition);
        }

        // Runs on the consume thread inside the rebalance callback: waiting here lets the last stored offsets be committed.
        Task.WaitAll([.. stopping], TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// Drops a paused partition's held events (its next owner reads them from the committed offset) and
    /// resumes it: librdkafka keeps a partition's pause across revocation, so one paused here and assigned
    /// back later would otherwise never be fetched again.
    /// </summary>
    private void ForgetPaused(TopicPartition partition)
    {
        if (!_paused.Remove(partition))
        {
            return;
        }

        try
        {
            _consumer?.Resume([partition]);
        }
        catch (KafkaException e)
        {
            LogKafkaError(ProviderName, $"could not resume {partition} while giving it up: {e.Error.Reason}");
        }
    }

    /// <summary>Marks the event delivered: its offset may now be committed.</summary>
    internal void StoreOffset(ConsumeResult<string, byte[]> result)
    {
        try
        {
            _consumer?.StoreOffset(result);
        }
        catch (KafkaException e) when (e.Error.Code is ErrorCode.Local_State or ErrorCode.Local_UnknownPartition)
        {
            // The partition was revoked meanwhile: its new owner starts from the last commit (at-least-once).
        }
    }

    internal async Task DeadLetterAsync(ConsumeResult<string, byte[]> result, string reason, int attempts)
    {
        var headers = new Headers();
        foreach (var header in result.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        KafkaHeaders.Set(headers, KafkaHeaders.DeadLetterReason, reason.Length > 4000 ? reason[..4000] : reason);
        KafkaHeaders.Set(headers, KafkaHeaders.DeadLetterTopic, result.Topic);
        KafkaHeaders.Set(headers, KafkaHeaders.DeadLetterPartition, result.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        KafkaHeaders.Set(headers, KafkaHeaders.DeadLetterOffset, result.Offset.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        KafkaHeaders.Set(headers, KafkaHeaders.DeadLetterAttempts, attempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var topic = result.Topic + Options.DeadLetterSuffix;
        await _deadLetters.Value.ProduceAsync(topic, new Message<string, byte[]> { Key = result.Message.Key, Value = result.Message.Value, Headers = headers });
        LogDeadLettered(result.TopicPartitionOffset.ToString(), topic, reason.Split('\n')[0]);
    }

    public override void Dispose()
    {
        if (_deadLetters.IsValueCreated)
        {
            _deadLetters.Value.Flush(TimeSpan.FromSeconds(5));
            _deadLetters.Value.Dispose();
        }

        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka stream provider {Provider} consuming {Topics} in group {Group}")]
    private partial void LogStarted(string provider, string group, string topics);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka stream provider {Provider} has no namespace to consume (no implicit subscribers, none configured)")]
    private partial void LogNothingToConsume(string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka stream provider {Provider} now owns {Partitions} partitions")]
    private partial void LogAssigned(string provider, int partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Paused {Partition}: {Queued} events await delivery")]
    private partial void LogPaused(string partition, int queued);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka stream provider {Provider}: {Reason}")]
    private partial void LogKafkaError(string provider, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dead-lettered {Coordinates} to {Topic}: {Reason}")]
    private partial void LogDeadLettered(string coordinates, string topic, string reason);
}
