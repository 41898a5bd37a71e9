using MultiAgent.Runtime;
using MultiAgent.Runtime.Client;
using MultiAgent.Runtime.Testing;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Cluster;

public sealed class ClusterClientTests : IAsyncLifetime
{
    private readonly TestCluster _cluster = new TestClusterBuilder { InitialSilosCount = 2 }.Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private ClusterClient CreateClient(params InProcessSilo[] gateways) => new(new ClusterClientOptions
    {
        ClusterId = _cluster.ClusterId,
        Gateways = [.. gateways.Select(s => $"127.0.0.1:{s.GatewayPort}")],
        ResponseTimeout = TimeSpan.FromSeconds(10),
    });

    [Fact]
    public async Task A_client_reaches_grains_on_every_silo_through_one_gateway()
    {
        await using var client = CreateClient(_cluster.Silos[0]);
        await client.ConnectAsync();

        var keys = Enumerable.Range(0, 30).Select(i => $"client-{i}-{Guid.NewGuid():N}").ToList();
        var silos = await Task.WhenAll(keys.Select(k => client.GetGrain<IPlacementProbeGrain>(k).SiloName()));
        var direct = await Task.WhenAll(keys.Select(k => _cluster.Silos[1].GrainFactory.GetGrain<IPlacementProbeGrain>(k).SiloName()));

        Assert.Equal(direct, silos);
        Assert.Equal(2, silos.Distinct().Count());
    }

    [Fact]
    public async Task A_grain_exception_and_a_grain_reference_cross_the_wire()
    {
        await using var client = CreateClient(_cluster.Silos[0]);
        await client.ConnectAsync();
        var first = client.GetGrain<IPlacementProbeGrain>($"a-{Guid.NewGuid():N}");
        var second = client.GetGrain<IPlacementProbeGrain>($"b-{Guid.NewGuid():N}");

        Assert.Equal(await second.SiloName(), await first.SiloNameOf(second));
        var error = Assert.Throws<ArgumentException>(() => client.GetGrain<MultiAgent.Tests.Runtime.Grains.IUnimplementedGrain>("x"));
        Assert.Contains("No grain class", error.Message);
    }

    [Fact]
    public async Task The_client_survives_the_loss_of_its_gateway()
    {
        await using var client = CreateClient(_cluster.Silos[0], _cluster.Silos[1]);
        await client.ConnectAsync();
        var keys = Enumerable.Range(0, 20).Select(i => $"survive-{i}-{Guid.NewGuid():N}").ToList();
        await Task.WhenAll(keys.Select(k => client.GetGrain<IPlacementProbeGrain>(k).SiloName()));

        await _cluster.KillSiloAsync(_cluster.Silos[0]);

        // Every grain answers again (from the survivor) within 10 s; failures in between are retryable ones.
        await Eventually.AssertAsync(async () =>
        {
            try
            {
                var answers = await Task.WhenAll(keys.Select(k => client.GetGrain<IPlacementProbeGrain>(k).SiloName()));
                return answers.All(a => a == _cluster.Silos[0].Name);
            }
            catch (Exception e) when (e is SiloUnavailableException or TimeoutException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(10), "every grain should answer from the surviving silo");
    }

    [Fact]
    public async Task A_client_of_another_cluster_is_refused_with_a_clear_error()
    {
        await using var client = new ClusterClient(new ClusterClientOptions
        {
            ClusterId = "some-other-cluster",
            Gateways = [$"127.0.0.1:{_cluster.Silos[0].GatewayPort}"],
            ConnectTimeout = TimeSpan.FromSeconds(2),
        });

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => client.ConnectAsync());
        Assert.Contains("some-other-cluster", error.Message);
    }
}
