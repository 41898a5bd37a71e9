namespace MultiAgent.Runtime.Streams;

/// <summary>A named stream provider (memory, Kafka), as configured on the silo.</summary>
public interface IStreamProvider
{
    string Name { get; }

    IAsyncStream<T> GetStream<T>(StreamId streamId);
}

/// <summary>
/// A stream of <typeparamref name="T"/>: produce with <see cref="OnNextAsync"/>; subscribe explicitly
/// from a grain (the subscription persists and survives the grain's deactivation), or implicitly
/// with <see cref="ImplicitStreamSubscriptionAttribute"/>.
/// </summary>
public interface IAsyncStream<T>
{
    StreamId StreamId { get; }

    string ProviderName { get; }

    /// <summary>Completes when the provider has accepted the event (memory: delivered; Kafka: acknowledged by all in-sync replicas).</summary>
    Task OnNextAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>Events in order; completes when all are accepted.</summary>
    Task OnNextBatchAsync(IEnumerable<T> batch, CancellationToken cancellationToken = default);

    /// <summary>Subscribes the calling grain: <paramref name="observer"/> receives events while this activation lives; the subscription itself persists.</summary>
    Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer);

    Task<StreamSubscriptionHandle<T>> SubscribeAsync(Func<T, StreamSequenceToken?, Task> onNextAsync);

    /// <summary>As <see cref="SubscribeAsync(IAsyncObserver{T})"/>, receiving the events that queued behind a delivery as one list.</summary>
    Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncBatchObserver<T> observer);

    /// <summary>The calling grain's persisted subscriptions to this stream, to resume with a new observer after reactivation.</summary>
    Task<IList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles();
}

/// <summary>One explicit subscription of a grain to a stream.</summary>
public abstract class StreamSubscriptionHandle<T>
{
    public abstract Guid HandleId { get; }

    public abstract StreamId StreamId { get; }

    /// <summary>Ends the subscription: no more events are delivered for it.</summary>
    public abstract Task UnsubscribeAsync();

    /// <summary>Attaches <paramref name="observer"/> in the current activation to this (persisted) subscription.</summary>
    public abstract Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncObserver<T> observer);

    /// <summary>Attaches a batch observer in the current activation to this (persisted) subscription.</summary>
    public abstract Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncBatchObserver<T> observer);
}

/// <summary>Delivers every event of every stream in <paramref name="streamNamespace"/> to the grain of this class whose key is the stream key, activating it if needed.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ImplicitStreamSubscriptionAttribute(string streamNamespace) : Attribute
{
    public string Namespace { get; } = streamNamespace;
}

/// <summary>Finds stream providers by name; registered by the silo (and the cluster client).</summary>
public interface IStreamProviderResolver
{
    /// <summary>The provider named <paramref name="name"/>, or an error listing the configured ones.</summary>
    IStreamProvider GetStreamProvider(string name);
}

public static class StreamProviderExtensions
{
    /// <summary>The stream provider named <paramref name="name"/>, as Orleans' <c>this.GetStreamProvider(name)</c>.</summary>
    public static IStreamProvider GetStreamProvider(this Grain grain, string name)
    {
        ArgumentNullException.ThrowIfNull(grain);
        var resolver = grain.GrainContext.ActivationServices.GetService(typeof(IStreamProviderResolver)) as IStreamProviderResolver
            ?? throw new InvalidOperationException("No stream providers are configured on this silo; add one (e.g. AddMemoryStreams(\"name\")).");
        return resolver.GetStreamProvider(name);
    }
}
