namespace MultiAgent.Runtime.Streams;

/// <summary>What a provider does with a produced event.</summary>
internal interface IStreamProducer
{
    Task ProduceAsync<T>(StreamId stream, T item, CancellationToken cancellationToken);
}

/// <summary>A stream handle: produce through its provider, subscribe through pub-sub.</summary>
internal sealed class AsyncStream<T>(string providerName, StreamId streamId, IStreamProducer producer, StreamSubscriptions subscriptions) : IAsyncStream<T>
{
    public StreamId StreamId { get; } = streamId;

    public string ProviderName { get; } = providerName;

    public Task OnNextAsync(T item, CancellationToken cancellationToken = default) => producer.ProduceAsync(StreamId, item, cancellationToken);

    public async Task OnNextBatchAsync(IEnumerable<T> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var item in batch)
        {
            await producer.ProduceAsync(StreamId, item, cancellationToken);
        }
    }

    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return subscriptions.SubscribeAsync(ProviderName, StreamId, observer);
    }

    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(Func<T, StreamSequenceToken?, Task> onNextAsync)
    {
        ArgumentNullException.ThrowIfNull(onNextAsync);
        return subscriptions.SubscribeAsync(ProviderName, StreamId, new DelegateObserver<T>(onNextAsync));
    }

    public Task<IList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles() => subscriptions.GetHandlesAsync<T>(ProviderName, StreamId);

    public override string ToString() => $"{ProviderName}:{StreamId}";
}
