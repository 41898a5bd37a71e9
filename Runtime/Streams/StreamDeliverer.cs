using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Metadata;
using MultiAgent.Runtime.Streams.PubSub;

namespace MultiAgent.Runtime.Streams;

/// <summary>
/// Delivers events to every subscriber of their stream — the grains implicitly subscribed to its
/// namespace (keyed by the stream key) and the explicit subscriptions in pub-sub — each as a turn of
/// the subscriber (consecutive events of one stream and type travel as one turn); completes when all
/// have processed them. Explicit subscriptions are cached for a
/// second per stream (this silo's own subscribe/unsubscribe refreshes its cache at once).
/// </summary>
internal sealed class StreamDeliverer(GrainTypeManifest manifest, IServiceProvider services)
{
    private const long SubscriptionCacheAgeMs = 1_000;
    private readonly ConcurrentDictionary<(string Provider, StreamId Stream), (long FetchedAtMs, IReadOnlyList<StreamSubscription> Subscriptions)> _explicit = new();
    private readonly Lazy<IGrainReferenceRuntime> _runtime = new(services.GetRequiredService<IGrainReferenceRuntime>);
    private readonly Lazy<IGrainFactory> _grains = new(services.GetRequiredService<IGrainFactory>);

    public IGrainFactory Grains => _grains.Value;

    public Task DeliverAsync(string provider, StreamId stream, string eventType, byte[] payload, StreamSequenceToken token) =>
        DeliverAsync(provider, stream, eventType, [payload], [token.SequenceNumber], token.Partition);

    /// <param name="payloads">Consecutive events of <paramref name="stream"/>, all of <paramref name="eventType"/>, in stream order.</param>
    public async Task DeliverAsync(string provider, StreamId stream, string eventType, byte[][] payloads, long[] sequenceNumbers, int partition)
    {
        var implicitTypes = manifest.GetImplicitSubscribers(stream.Namespace);
        var explicitSubscriptions = await GetExplicitSubscriptionsAsync(provider, stream);
        if (implicitTypes.Count + explicitSubscriptions.Count == 1)
        {
            // The common case (one implicit subscriber): no task list.
            await (implicitTypes.Count == 1
                ? Send(new GrainId(implicitTypes[0], stream.Key), string.Empty)
                : Send(GrainId.Parse(explicitSubscriptions[0].SubscriberGrainId), explicitSubscriptions[0].HandleId));
            return;
        }

        var sends = new List<Task>(implicitTypes.Count + explicitSubscriptions.Count);
        sends.AddRange(implicitTypes.Select(t => Send(new GrainId(t, stream.Key), string.Empty)));
        sends.AddRange(explicitSubscriptions.Select(s => Send(GrainId.Parse(s.SubscriberGrainId), s.HandleId)));
        await Task.WhenAll(sends);

        Task Send(GrainId subscriber, string handleId) => _runtime.Value.InvokeAsync(
            new StreamDeliveryReference(_runtime.Value, subscriber),
            new StreamDeliveryRequest
            {
                ProviderName = provider,
                Namespace = stream.Namespace,
                Key = stream.Key,
                EventType = eventType,
                Payloads = payloads,
                SequenceNumbers = sequenceNumbers,
                Partition = partition,
                HandleId = handleId,
            }).AsTask();
    }

    public IPubSubRendezvousGrain PubSub(string provider, StreamId stream) => Grains.GetGrain<IPubSubRendezvousGrain>(PubSubKeys.For(provider, stream));

    /// <summary>Forgets the cached subscriptions of a stream (after this silo changed them).</summary>
    public void Invalidate(string provider, StreamId stream) => _explicit.TryRemove((provider, stream), out _);

    // Keyed by value, not by a string built per event: this runs for every event of every stream.
    private ValueTask<IReadOnlyList<StreamSubscription>> GetExplicitSubscriptionsAsync(string provider, StreamId stream)
    {
        return _explicit.TryGetValue((provider, stream), out var cached) && Environment.TickCount64 - cached.FetchedAtMs < SubscriptionCacheAgeMs
            ? new ValueTask<IReadOnlyList<StreamSubscription>>(cached.Subscriptions)
            : FetchAsync();

        async ValueTask<IReadOnlyList<StreamSubscription>> FetchAsync()
        {
            var subscriptions = await PubSub(provider, stream).GetSubscriptions();
            _explicit[(provider, stream)] = (Environment.TickCount64, subscriptions);
            return subscriptions;
        }
    }
}
