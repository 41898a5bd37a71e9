namespace MultiAgent.Runtime.Streams;

/// <summary>An observer attached in an activation, decoding events for its own type.</summary>
internal interface IStreamObserverEntry
{
    Guid HandleId { get; }

    Task DeliverAsync(StreamDeliveryRequest delivery, StreamPayloadSerializer serializer);
}

/// <param name="observer">An <see cref="IAsyncObserver{T}"/> or an <see cref="IAsyncBatchObserver{T}"/>.</param>
internal sealed class StreamObserverEntry<T>(Guid handleId, object observer) : IStreamObserverEntry
{
    public Guid HandleId { get; } = handleId;

    public Task DeliverAsync(StreamDeliveryRequest delivery, StreamPayloadSerializer serializer) =>
        ObserverDispatch.DeliverAsync<T>(observer, delivery, serializer);
}

/// <summary>A delegate as an observer.</summary>
internal sealed class DelegateObserver<T>(Func<T, StreamSequenceToken?, Task> onNext) : IAsyncObserver<T>
{
    public Task OnNextAsync(T item, StreamSequenceToken? token = null) => onNext(item, token);
}
