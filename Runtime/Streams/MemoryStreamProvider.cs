namespace MultiAgent.Runtime.Streams;

/// <summary>
/// In-cluster streams for tests and single-process use: an event is delivered straight from the
/// producer to every subscriber, and <c>OnNextAsync</c> completes when they have processed it (a
/// subscriber's exception reaches the producer). A batch is delivered as one turn of each subscriber
/// (a batch observer gets it as one list). Nothing is stored: events produced with no subscriber are
/// gone, unlike Kafka.
/// </summary>
internal sealed class MemoryStreamProvider(string name, StreamDeliverer deliverer, StreamSubscriptions subscriptions, StreamPayloadSerializer serializer)
    : IStreamProvider, IStreamProducer
{
    private long _sequence;

    public string Name { get; } = name;

    public IAsyncStream<T> GetStream<T>(StreamId streamId) => new AsyncStream<T>(Name, streamId, this, subscriptions);

    public Task ProduceAsync<T>(StreamId stream, T item, CancellationToken cancellationToken)
    {
        var token = new StreamSequenceToken(Interlocked.Increment(ref _sequence));
        return deliverer.DeliverAsync(Name, stream, typeof(T).FullName!, serializer.Serialize(item), token).WaitAsync(cancellationToken);
    }

    public Task ProduceBatchAsync<T>(StreamId stream, IReadOnlyList<T> items, CancellationToken cancellationToken)
    {
        var payloads = new byte[items.Count][];
        var sequenceNumbers = new long[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            payloads[i] = serializer.Serialize(items[i]);
            sequenceNumbers[i] = Interlocked.Increment(ref _sequence);
        }

        return deliverer.DeliverAsync(Name, stream, typeof(T).FullName!, payloads, sequenceNumbers, partition: 0).WaitAsync(cancellationToken);
    }
}
