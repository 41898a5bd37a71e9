using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Metadata;
using MultiAgent.Runtime.Placement;
using MultiAgent.Runtime.Storage;

namespace MultiAgent.Runtime.Activation;

/// <summary>The activations of this silo by grain id: finds or creates the one activation a message goes to.</summary>
internal sealed class Catalog
{
    // A message refused by an activation that just finished is re-offered to the next one; this bounds the loop.
    private const int MaxDispatchAttempts = 100;

    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly GrainTypeManifest _manifest;
    private readonly IGrainPlacement _placement;
    private readonly Lazy<IGrainFactory> _grainFactory;
    private readonly Lazy<Streams.StreamPayloadSerializer> _streamPayloads;
    private readonly string _siloName;
    private volatile bool _stopping;

    public Catalog(
        IServiceProvider services,
        GrainTypeManifest manifest,
        IGrainPlacement placement,
        PersistentStateFactory persistentStates,
        IOptions<GrainCollectionOptions> collectionOptions,
        IOptions<SiloOptions> siloOptions,
        ILogger<Catalog> logger)
    {
        Services = services;
        _manifest = manifest;
        _placement = placement;
        PersistentStates = persistentStates;
        CollectionOptions = collectionOptions.Value;
        Logger = logger;
        _siloName = siloOptions.Value.SiloName;
        _grainFactory = new Lazy<IGrainFactory>(services.GetRequiredService<IGrainFactory>);
        _streamPayloads = new Lazy<Streams.StreamPayloadSerializer>(() => services.GetService<Streams.StreamPayloadSerializer>() ?? new Streams.StreamPayloadSerializer(manifest, services));
    }

    public IServiceProvider Services { get; }

    public IGrainFactory GrainFactory => _grainFactory.Value;

    public PersistentStateFactory PersistentStates { get; }

    public GrainCollectionOptions CollectionOptions { get; }

    public Streams.StreamPayloadSerializer StreamPayloads => _streamPayloads.Value;

    public ILogger Logger { get; }

    public int Count => _activations.Count;

    public IEnumerable<ActivationData> Activations => _activations.Values;

    /// <summary>Delivers <paramref name="message"/> to the grain's activation, creating it if needed; rejects the message if that is impossible.</summary>
    public void Dispatch(IGrainMessage message, GrainId target)
    {
        try
        {
            for (var attempt = 0; attempt < MaxDispatchAttempts; attempt++)
            {
                if (GetOrCreate(target).TryEnqueue(message))
                {
                    return;
                }
            }

            throw new InvalidOperationException($"Grain {target} kept deactivating while a message was delivered to it.");
        }
        catch (Exception e)
        {
            message.Reject(e);
        }
    }

    public ActivationData GetOrCreate(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var activation))
        {
            return activation;
        }

        if (_stopping)
        {
            throw new SiloUnavailableException($"Silo {_siloName} is shutting down; grain {grainId} cannot be activated on it.");
        }

        if (_placement.GetRemoteOwner(grainId) is { } owner)
        {
            // Retryable: the caller routes again and reaches the owner.
            throw new SiloUnavailableException($"Grain {grainId} belongs to silo {owner}, not to {_siloName}.");
        }

        if (!_manifest.TryGetGrainClass(grainId.Type, out var grainClass))
        {
            throw new ArgumentException($"Unknown grain type '{grainId.Type}' in grain id {grainId}: no grain class has that grain type.");
        }

        return _activations.GetOrAdd(grainId, static (id, state) => new ActivationData(id, state.grainClass, state.catalog), (grainClass, catalog: this));
    }

    /// <summary>Removes <paramref name="activation"/> if it is still the registered one for its grain.</summary>
    public void Remove(ActivationData activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));

    /// <summary>Starts deactivating the activations of grains this silo no longer owns (after a membership change).</summary>
    public int DeactivateMisplaced()
    {
        var moved = 0;
        foreach (var activation in _activations.Values)
        {
            if (_placement.GetRemoteOwner(activation.GrainId) is { } owner)
            {
                activation.Deactivate(new DeactivationReason(DeactivationReasonCode.RuntimeRequested, $"The grain now belongs to silo {owner}."));
                moved++;
            }
        }

        return moved;
    }

    /// <summary>
    /// Declared dead: stop serving at once. No grain code runs (its state may already be newer
    /// elsewhere); queued calls fail as retryable so their callers go to the new owners.
    /// </summary>
    public void Abandon()
    {
        _stopping = true;
        foreach (var activation in _activations.Values)
        {
            Remove(activation);
            activation.Abandon();
        }
    }

    /// <summary>Stops creating activations and deactivates every one (each persists what it must), within <paramref name="cancellationToken"/>.</summary>
    public async Task DeactivateAllAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _stopping = true;
        var all = _activations.Values.ToList();
        foreach (var activation in all)
        {
            activation.Deactivate(reason);
        }

        try
        {
            await Task.WhenAll(all.Select(a => a.Deactivated)).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Logger.LogWarning("Shutdown ended with {Count} activations still deactivating", _activations.Count);
        }
    }
}
