namespace MultiAgent.Runtime.Streams;

/// <summary>What a provider does with a produced event.</summary>
internal interface IStreamProducer
{
    Task ProduceAsync<T>(StreamId stream, T item, CancellationToken cancellationToken);

    /// <summary>Events in order; by default one after another.</summary>
    async Task ProduceBatchAsync<T>(StreamId stream, IReadOnlyList<T> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            await ProduceAsync(stream, item, cancellationToken);
        }
    }
}

/// <summary>A stream handle: produce through its provider, subscribe through pub-sub.</summary>
internal sealed class AsyncStream<T>(string providerName, StreamId streamId, IStreamProducer producer, StreamSubscriptions subscriptions) : IAsyncStream<T>
{
    public StreamId StreamId { get; } = streamId;

    public string ProviderName { get; } = providerName;

    public Task OnNextAsync(T item, CancellationToken cancellationToken = default) => producer.ProduceAsync(StreamId, item, cancellationToken);

    public Task OnNextBatchAsync(IEnumerable<T> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var items = batch.ToList();
        return items.Count == 0 ? Task.CompletedTask : producer.ProduceBatchAsync(StreamId, items, cancellationToken);
    }

    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return subscriptions.SubscribeAsync<T>(ProviderName, StreamId, observer);
    }

    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(Func<T, StreamSequenceToken?, Task> onNextAsync)
    {
        ArgumentNullException.ThrowIfNull(onNextAsync);
        return subscriptions.SubscribeAsync<T>(ProviderName, StreamId, new DelegateObserver<T>(onNextAsync));
    }

    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncBatchObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return subscriptions.SubscribeAsync<T>(ProviderName, StreamId, observer);
    }

    public Task<IList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles() => subscriptions.GetHandlesAsync<T>(ProviderName, StreamId);

    public override string ToString() => $"{ProviderName}:{StreamId}";
}
