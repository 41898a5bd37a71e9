using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using MultiAgent.Runtime.Kafka;

namespace MultiAgent.Runtime.Streams.Kafka;

/// <summary>
/// Streams on Kafka: a namespace is a topic, the stream key the message key (so one key stays on one
/// partition, in order). Producing is idempotent and acknowledged by all in-sync replicas;
/// <see cref="KafkaStreamConsumer"/> delivers to subscribers.
/// </summary>
internal sealed class KafkaStreamProvider : IStreamProvider, IStreamProducer, IDisposable
{
    private readonly KafkaStreamOptions _options;
    private readonly StreamSubscriptions _subscriptions;
    private readonly StreamPayloadSerializer _serializer;
    private readonly Lazy<IProducer<string, byte[]>> _producer;

    public KafkaStreamProvider(string name, KafkaStreamOptions options, StreamSubscriptions subscriptions, StreamPayloadSerializer serializer, ILogger logger)
    {
        Name = name;
        _options = options;
        _subscriptions = subscriptions;
        _serializer = serializer;
        _producer = new Lazy<IProducer<string, byte[]>>(() =>
        {
            KafkaNative.EnsureLoaded();
            return new ProducerBuilder<string, byte[]>(new ProducerConfig
            {
                BootstrapServers = options.BootstrapServers,
                Acks = Acks.All,
                EnableIdempotence = true,
                LingerMs = 0, // on the embedded broker linger 1 ms cost ~1 ms of p50; load still batches
                ClientId = $"multiagent-{name}-producer",
            }).SetLogHandler((_, message) => KafkaLogBridge.Log(logger, message)).Build();
        });
    }

    public string Name { get; }

    public IAsyncStream<T> GetStream<T>(StreamId streamId) => new AsyncStream<T>(Name, streamId, this, _subscriptions);

    public async Task ProduceAsync<T>(StreamId stream, T item, CancellationToken cancellationToken)
    {
        var headers = new Headers();
        KafkaHeaders.Set(headers, KafkaHeaders.EventType, typeof(T).FullName);
        KafkaHeaders.Set(headers, KafkaHeaders.TraceParent, Activity.Current?.Id);
        var message = new Message<string, byte[]> { Key = stream.Key, Value = _serializer.Serialize(item), Headers = headers };
        try
        {
            await _producer.Value.ProduceAsync(_options.TopicFor(stream.Namespace), message, cancellationToken);
        }
        catch (ProduceException<string, byte[]> e)
        {
            throw new InvalidOperationException($"Kafka did not accept an event for stream {Name}:{stream} (topic {_options.TopicFor(stream.Namespace)}): {e.Error.Reason}", e);
        }
    }

    private int _disposed;

    // Registered under two service types, so the container disposes it twice.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _producer.IsValueCreated)
        {
            _producer.Value.Flush(TimeSpan.FromSeconds(5));
            _producer.Value.Dispose();
        }
    }
}
