using MultiAgent.Runtime.Activation;

namespace MultiAgent.Runtime.Streams;

/// <summary>Explicit subscriptions made from inside a grain: persisted in pub-sub, observed in the calling activation.</summary>
internal sealed class StreamSubscriptions(StreamDeliverer deliverer)
{
    /// <param name="observer">An <see cref="IAsyncObserver{T}"/> or an <see cref="IAsyncBatchObserver{T}"/>.</param>
    public async Task<StreamSubscriptionHandle<T>> SubscribeAsync<T>(string provider, StreamId stream, object observer)
    {
        var activation = CurrentActivation(nameof(SubscribeAsync));
        var handle = new SubscriptionHandle<T>(this, provider, stream, Guid.NewGuid());
        await deliverer.PubSub(provider, stream).Subscribe(handle.HandleId.ToString("N"), activation.GrainId.ToString());
        deliverer.Invalidate(provider, stream);
        activation.Streams.Attach(provider, stream, new StreamObserverEntry<T>(handle.HandleId, observer));
        return handle;
    }

    public async Task<IList<StreamSubscriptionHandle<T>>> GetHandlesAsync<T>(string provider, StreamId stream)
    {
        var self = CurrentActivation(nameof(IAsyncStream<T>.GetAllSubscriptionHandles)).GrainId.ToString();
        var all = await deliverer.PubSub(provider, stream).GetSubscriptions();
        return [.. all.Where(s => s.SubscriberGrainId == self).Select(s => (StreamSubscriptionHandle<T>)new SubscriptionHandle<T>(this, provider, stream, Guid.Parse(s.HandleId)))];
    }

    private async Task UnsubscribeAsync(string provider, StreamId stream, Guid handleId)
    {
        await deliverer.PubSub(provider, stream).Unsubscribe(handleId.ToString("N"));
        deliverer.Invalidate(provider, stream);
        (RuntimeContext.Current as ActivationData)?.Streams.Detach(handleId);
    }

    private static ActivationData CurrentActivation(string operation) =>
        RuntimeContext.Current as ActivationData
        ?? throw new InvalidOperationException($"{operation} subscribes the calling grain, so it must be called from inside a grain (e.g. in OnActivateAsync).");

    private sealed class SubscriptionHandle<T>(StreamSubscriptions owner, string provider, StreamId stream, Guid handleId) : StreamSubscriptionHandle<T>
    {
        public override Guid HandleId { get; } = handleId;

        public override StreamId StreamId { get; } = stream;

        public override Task UnsubscribeAsync() => owner.UnsubscribeAsync(provider, StreamId, HandleId);

        public override Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncObserver<T> observer) => Resume(observer);

        public override Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncBatchObserver<T> observer) => Resume(observer);

        private Task<StreamSubscriptionHandle<T>> Resume(object observer)
        {
            ArgumentNullException.ThrowIfNull(observer);
            CurrentActivation(nameof(ResumeAsync)).Streams.Attach(provider, StreamId, new StreamObserverEntry<T>(HandleId, observer));
            return Task.FromResult<StreamSubscriptionHandle<T>>(this);
        }
    }
}
