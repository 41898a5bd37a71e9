using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Streams;
using MultiAgent.Runtime.Testing;

namespace MultiAgent.Tests.Fleet.Grains;

/// <summary>
/// A one-silo cluster with the fleet's stream and storage providers (memory), plus helpers to set up a
/// warehouse. Each test uses its own warehouse id, so tests of one class can share the cluster.
/// </summary>
public sealed class FleetCluster : IAsyncDisposable
{
    public static readonly GridPoint Charger = new(19, 19);

    private readonly TestCluster _cluster;

    /// <param name="streams">Adds the "fleet" stream provider; memory streams when null.</param>
    public FleetCluster(
        RobotOptions? robots = null, SchedulerOptions? scheduler = null, Action<TestClusterBuilder>? configure = null, Action<ISiloBuilder>? streams = null)
    {
        var builder = new TestClusterBuilder();
        configure?.Invoke(builder);
        _cluster = builder
            .AddSiloConfigurator(silo =>
            {
                (streams ?? (s => s.AddMemoryStreams(FleetStreams.ProviderName)))(silo);
                silo.AddMemoryGrainStorage(FleetStreams.StorageName);
                silo.Services.AddSingleton(robots ?? new RobotOptions { HeartbeatTimeout = TimeSpan.FromSeconds(1) });
                silo.Services.AddSingleton(scheduler ?? new SchedulerOptions());
            })
            .Build();
    }

    public MultiAgent.Runtime.IGrainFactory Grains => _cluster.GrainFactory;

    /// <summary>A cluster that collects grains idle for half a second: for tests of what the next activation finds.</summary>
    public static FleetCluster CollectingIdleGrainsQuickly() => new(configure: b => b
        .AddConfiguration($"{ConfigurationKeys.GrainCollection}:CollectionAge", "00:00:00.500")
        .AddConfiguration($"{ConfigurationKeys.GrainCollection}:CollectionQuantum", "00:00:00.100"));

    public Task DeployAsync() => _cluster.DeployAsync();

    /// <summary>Live activations of a grain type on the silo, e.g. "scheduler".</summary>
    public int Activations(string grainType) =>
        _cluster.ServiceProvider.GetRequiredService<MultiAgent.Runtime.ISiloStatus>().ActivationsByGrainType().GetValueOrDefault(grainType);

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>Deactivates one grain (as the runtime would, e.g. before moving it) and waits until it is gone.</summary>
    public Task DeactivateAsync(MultiAgent.Runtime.GrainId grainId)
    {
        var activation = _cluster.ServiceProvider.GetRequiredService<MultiAgent.Runtime.Activation.Catalog>().Activations.Single(a => a.GrainId == grainId);
        activation.Deactivate(new MultiAgent.Runtime.DeactivationReason(MultiAgent.Runtime.DeactivationReasonCode.RuntimeRequested, "test"));
        return activation.Deactivated;
    }

    /// <summary>Changes a grain's stored state directly in the fleet storage, as another writer would.</summary>
    public async Task UpdateStoredStateAsync<T>(MultiAgent.Runtime.GrainId grainId, string stateName, Action<T> change)
        where T : new()
    {
        var storage = _cluster.ServiceProvider.GetRequiredKeyedService<MultiAgent.Runtime.Storage.IGrainStorage>(FleetStreams.StorageName);
        var stored = new MultiAgent.Runtime.Storage.GrainState<T>(new T());
        await storage.ReadStateAsync(stateName, grainId, stored, CancellationToken.None);
        change(stored.State);
        await storage.WriteStateAsync(stateName, grainId, stored, CancellationToken.None);
    }

    /// <summary>A 20 × 20 warehouse with a charger in the far corner.</summary>
    public async Task<string> NewWarehouseAsync()
    {
        var warehouseId = "wh-" + Guid.NewGuid().ToString("N")[..8];
        await Grains.GetGrain<IWarehouseGrain>(warehouseId).Configure(
            new WarehouseLayout(warehouseId, 20, 20, [new(5, 5)], [new(15, 15)], [Charger]));
        return warehouseId;
    }

    /// <summary>Produces on the memory stream (orders, warehouse): completes when the scheduler has taken it, and throws what it threw.</summary>
    public Task ProduceAsync(Order order) => PublishAsync(FleetTopics.Orders, order.WarehouseId, order);

    /// <summary>Orders of one warehouse as one delivery: the scheduler takes them as one batch.</summary>
    public Task ProduceBatchAsync(string warehouseId, IEnumerable<Order> orders) => StreamOf<Order>(FleetTopics.Orders, warehouseId).OnNextBatchAsync(orders);

    /// <summary>Publishes on a fleet stream (memory streams: completes when the subscribers have processed it).</summary>
    public Task PublishAsync<T>(string streamNamespace, string key, T item) => StreamOf<T>(streamNamespace, key).OnNextAsync(item);

    private IAsyncStream<T> StreamOf<T>(string streamNamespace, string key) =>
        _cluster.ServiceProvider.GetRequiredService<IStreamProviderResolver>().GetStreamProvider(FleetStreams.ProviderName)
            .GetStream<T>(StreamId.Create(streamNamespace, key));

    public ISchedulerGrain Scheduler(string warehouseId) => Grains.GetGrain<ISchedulerGrain>(warehouseId);

    public IRobotGrain Robot(string robotId) => Grains.GetGrain<IRobotGrain>(robotId);

    public IFleetStatisticsGrain Statistics(string warehouseId) => Grains.GetGrain<IFleetStatisticsGrain>(warehouseId);

    /// <summary>Fast: 10 cells/s at 100× is a cell per millisecond.</summary>
    public async Task<IRobotGrain> StartSimulatedAsync(string warehouseId, GridPoint position, string? robotId = null)
    {
        var robot = Robot(robotId ?? $"{warehouseId}-r-{Guid.NewGuid():N}"[..24]);
        await robot.Start(warehouseId, position, speed: 10, timeScale: 100);
        return robot;
    }

    public static Order NewOrder(string warehouseId, GridPoint pick, GridPoint drop, int priority = 1, DateTimeOffset? deadline = null, DateTimeOffset? createdAt = null, string? orderId = null) =>
        new(orderId ?? "o-" + Guid.NewGuid().ToString("N")[..12], warehouseId, "SKU-1", pick, drop, priority, deadline, createdAt ?? DateTimeOffset.UtcNow);
}
