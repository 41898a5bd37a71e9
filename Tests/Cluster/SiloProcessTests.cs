using System.Diagnostics;
using MultiAgent.Runtime.Client;
using MultiAgent.Runtime.Membership;
using MultiAgent.TestGrains;
using MultiAgent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MultiAgent.Tests.Cluster;

/// <summary>
/// Real silo processes (the stock silo executable with the test grains loaded) in a Redis-membership
/// cluster with Redis storage, driven through a cluster client: killed with <c>kill -9</c>, declared dead,
/// and stopped with SIGTERM.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class SiloProcessTests(RedisServer redis, ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly TimeSpan RecoveryBudget = TimeSpan.FromSeconds(10);

    private readonly ProcessCluster _cluster = new(redis, log);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task After_kill_9_every_grain_of_the_silo_answers_from_another_within_10_s_with_its_last_written_state()
    {
        await _cluster.StartSilosAsync("silo-a", "silo-b", "silo-c");
        await _cluster.WaitForActiveSilosAsync(3);
        foreach (var silo in _cluster.Silos)
        {
            await Eventually.AssertAsync(
                async () => await silo.GetHealthAsync() is { ActiveSilos: 3, SiloAddress: not null },
                TimeSpan.FromSeconds(10),
                $"{silo.Name}'s /healthz reports its address and 3 active silos");
        }

        var client = await _cluster.ConnectClientAsync();
        var counters = await WriteCountersAsync(client, 30, saved: true);
        Assert.Equal(3, counters.Select(c => c.Host).Distinct().Count());

        var victim = _cluster.Silos[1];
        var hosted = counters.Where(c => c.Host == victim.Name).ToList();
        var since = Stopwatch.StartNew();
        victim.Kill();

        var times = await Task.WhenAll(hosted.Select(c => CounterRecovery.AwaitAnswerAsync(c, [client], victim.Name, since, RecoveryBudget)));
        log.WriteLine($"{hosted.Count} grains of {victim.Name} answered again after {times.Min().TotalSeconds:0.00}–{times.Max().TotalSeconds:0.00} s");

        // The survivors declared it dead; the grains that lived elsewhere kept their silo and value.
        var row = (await _cluster.Table.ReadAllAsync(CancellationToken.None)).Entries.Single(e => e.SiloName == victim.Name);
        Assert.Equal(SiloStatus.Dead, row.Status);
        var others = counters.Except(hosted).ToList();
        var readings = await Task.WhenAll(others.Select(c => client.GetGrain<IDurableCounterGrain>(c.Key).Get()));
        Assert.Equal(others.Select(c => (c.Value, c.Host)), readings.Select(r => (r.Value, r.SiloName)));
    }

    [Fact]
    public async Task A_silo_process_declared_dead_exits_by_itself()
    {
        await _cluster.StartSilosAsync("silo-doomed");
        var silo = _cluster.Silos[0];

        var snapshot = await _cluster.Table.ReadAllAsync(CancellationToken.None);
        var row = snapshot.Find(SiloAddress.Parse(silo.SiloAddress!))!;
        Assert.True(await _cluster.Table.UpdateRowAsync(row.Entry with { Status = SiloStatus.Dead }, row.ETag, snapshot.Version, CancellationToken.None));

        Assert.True(await silo.WaitForExitAsync(RecoveryBudget), $"{silo} still runs {RecoveryBudget.TotalSeconds} s after being declared dead");
        Assert.Equal(3, silo.ExitCode); // SiloRunner.DeclaredDeadExitCode
        Assert.Contains("found itself declared dead", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SIGTERM_stops_a_silo_process_with_exit_code_0_and_keeps_the_state_its_grains_write_on_deactivation()
    {
        await _cluster.StartSilosAsync("silo-stays", "silo-leaves");
        await _cluster.WaitForActiveSilosAsync(2);
        var client = await _cluster.ConnectClientAsync();
        var counters = await WriteCountersAsync(client, 30, saved: false);
        var leaving = _cluster.Silos[1];
        var hosted = counters.Where(c => c.Host == leaving.Name).ToList();
        Assert.NotEmpty(hosted);

        leaving.Terminate();

        Assert.True(await leaving.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"{leaving} did not exit after SIGTERM");
        Assert.Equal(0, leaving.ExitCode);
        Assert.Contains("left the cluster", leaving.Output, StringComparison.Ordinal);
        var readings = await Task.WhenAll(hosted.Select(c => client.GetGrain<IDurableCounterGrain>(c.Key).Get()));
        Assert.Equal(hosted.Select(c => c.Value), readings.Select(r => r.Value));
        Assert.All(readings, r => Assert.Equal("silo-stays", r.SiloName));
    }

    private static async Task<IReadOnlyList<ExpectedCounter>> WriteCountersAsync(ClusterClient client, int count, bool saved)
    {
        var keys = Enumerable.Range(0, count).Select(i => $"counter-{i}-{Guid.NewGuid():N}").ToList();
        var readings = await Task.WhenAll(keys.Select((key, i) =>
        {
            var grain = client.GetGrain<IDurableCounterGrain>(key);
            return saved ? grain.Add(i + 1) : grain.AddUnsaved(i + 1);
        }));
        return [.. keys.Zip(readings, (key, reading) => new ExpectedCounter(key, reading.Value, reading.SiloName))];
    }
}
