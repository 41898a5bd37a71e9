using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Testing;
using MultiAgent.TestGrains;
using MultiAgent.Tests.Infrastructure;
using MultiAgent.Tests.Runtime.Grains;

namespace MultiAgent.Tests.Cluster;

/// <summary>
/// Three in-process silos sharing Redis grain storage lose one: by a crash, by being declared dead, or by a
/// graceful stop. Its grains answer again from the others with their last written state.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class SiloFailureTests : IAsyncLifetime
{
    private static readonly TimeSpan RecoveryBudget = TimeSpan.FromSeconds(10);

    private readonly TestCluster _cluster;

    public SiloFailureTests(RedisServer redis)
    {
        var builder = new TestClusterBuilder { InitialSilosCount = 3 };
        var serviceId = builder.ClusterId; // state of this test's grains only
        _cluster = builder
            .AddSiloConfigurator(silo => silo.AddRedisGrainStorageAsDefault(o =>
            {
                o.ConnectionString = redis.ConnectionString;
                o.ServiceId = serviceId;
            }))
            .Build();
    }

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task After_a_crash_every_grain_of_the_silo_answers_from_another_within_10_s_with_its_last_written_state()
    {
        var counters = await WriteCountersAsync(60, saved: true);
        var victim = _cluster.Silos[1];
        var hosted = counters.Where(c => c.Host == victim.Name).ToList();
        var elsewhere = counters.Except(hosted).ToList();
        Assert.NotEmpty(hosted);

        var since = Stopwatch.StartNew();
        await _cluster.KillSiloAsync(victim);
        var callers = _cluster.Silos.Select(s => s.GrainFactory).ToList();
        var times = await Task.WhenAll(hosted.Select(c => CounterRecovery.AwaitAnswerAsync(c, callers, victim.Name, since, RecoveryBudget)));

        Assert.All(times, t => Assert.True(t < RecoveryBudget));
        await AssertEachAnswersOnceAsync(hosted);

        // Consistent hashing moves only the lost silo's grains: the rest stay where they were.
        var stayed = await Task.WhenAll(elsewhere.Select(c => _cluster.GrainFactory.GetGrain<IDurableCounterGrain>(c.Key).Get()));
        Assert.Equal(elsewhere.Select(c => (c.Value, c.Host)), stayed.Select(r => (r.Value, r.SiloName)));
    }

    [Fact]
    public async Task A_silo_declared_dead_stops_and_the_others_take_its_grains()
    {
        var counters = await WriteCountersAsync(30, saved: true);
        var victim = _cluster.Silos[2];
        var hosted = counters.Where(c => c.Host == victim.Name).ToList();
        Assert.NotEmpty(hosted);
        var stopped = Signal(victim.Stopped);

        await DeclareDeadAsync(victim);
        await stopped.WaitAsync(RecoveryBudget);
        await _cluster.StopSiloAsync(victim); // already stopped: only leaves the test cluster's list
        await _cluster.WaitForConvergenceAsync();

        var readings = await Task.WhenAll(hosted.Select(c => _cluster.GrainFactory.GetGrain<IDurableCounterGrain>(c.Key).Get()));
        Assert.Equal(hosted.Select(c => c.Value), readings.Select(r => r.Value));
        Assert.DoesNotContain(victim.Name, readings.Select(r => r.SiloName));
        await AssertEachAnswersOnceAsync(hosted);
    }

    [Fact]
    public async Task A_silo_declared_dead_runs_no_more_grain_code_not_even_timers()
    {
        var victim = _cluster.Silos[2];
        var ticking = await GrainOnAsync<ITimerGrain>(victim, "ticking");
        var key = ticking.GetPrimaryKeyString();
        await ticking.StartTicking(periodMs: 20, tickWorkMs: 0);
        await Eventually.AssertAsync(() => Probe.Count(key, "tick") >= 3, RecoveryBudget, "the timer ticks");
        var stopped = Signal(victim.Stopped);

        await DeclareDeadAsync(victim);
        await stopped.WaitAsync(RecoveryBudget);

        // Bounded wait to prove an absence: the abandoned activation's timer would tick ~15 times in this time.
        var ticks = Probe.Count(key, "tick");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Equal(ticks, Probe.Count(key, "tick"));
        Assert.DoesNotContain(Probe.Events(key), e => e.StartsWith("deactivate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_graceful_stop_loses_no_state_written_on_deactivation()
    {
        var counters = await WriteCountersAsync(60, saved: false);
        var victim = _cluster.Silos[1];
        var hosted = counters.Where(c => c.Host == victim.Name).ToList();
        Assert.NotEmpty(hosted);

        await _cluster.StopSiloAsync(victim);
        await _cluster.WaitForConvergenceAsync();

        var readings = await Task.WhenAll(hosted.Select(c => _cluster.GrainFactory.GetGrain<IDurableCounterGrain>(c.Key).Get()));
        Assert.Equal(hosted.Select(c => c.Value), readings.Select(r => r.Value));
        Assert.DoesNotContain(victim.Name, readings.Select(r => r.SiloName));
    }

    [Fact]
    public async Task While_a_silo_stops_gracefully_no_call_sees_state_older_than_what_its_grains_save_on_deactivation()
    {
        var grains = Enumerable.Range(0, 30).Select(i => _cluster.GrainFactory.GetGrain<ISlowSavingCounterGrain>($"slow-{i}-{Guid.NewGuid():N}")).ToList();
        var values = await Task.WhenAll(grains.Select((g, i) => g.AddUnsaved(i + 1)));
        var victim = _cluster.Silos[1];
        var hosted = grains.Zip(values).Where(p => _cluster.HostsOf(p.First).Single() == victim).ToList();
        Assert.NotEmpty(hosted);
        var survivors = _cluster.Silos.Where(s => s != victim).ToList();

        var stopping = _cluster.StopSiloAsync(victim);

        // The other silos keep calling the leaving silo's grains until it is gone, and once more after.
        for (var round = 0; ; round++)
        {
            var finished = stopping.IsCompleted;
            await Task.WhenAll(hosted.Select(async (pair, i) =>
            {
                var grain = survivors[(round + i) % survivors.Count].GrainFactory.GetGrain<ISlowSavingCounterGrain>(pair.First.GetPrimaryKeyString());
                try
                {
                    using (GrainCallScope.WithTimeout(TimeSpan.FromSeconds(2)))
                    {
                        Assert.Equal(pair.Second, await grain.Get());
                    }
                }
                catch (Exception e) when (e is SiloUnavailableException or GrainCallTimeoutException)
                {
                    // Retryable: the grain was between silos.
                }
            }));
            if (finished)
            {
                break;
            }
        }

        await stopping;
        await _cluster.WaitForConvergenceAsync();
        var after = await Task.WhenAll(hosted.Select(pair => pair.First.Get()));
        Assert.Equal(hosted.Select(pair => pair.Second), after);
    }

    /// <summary>As another silo's oracle would: a conditional write of Dead into the silo's row.</summary>
    private async Task DeclareDeadAsync(InProcessSilo silo)
    {
        var table = silo.Services.GetRequiredService<IMembershipTable>();
        var snapshot = await table.ReadAllAsync(CancellationToken.None);
        var row = snapshot.Find(SiloAddress.Parse(silo.SiloAddress!))!;
        var declaredBy = new SuspectTime(SiloAddress.Parse(_cluster.Primary.SiloAddress!), DateTimeOffset.UtcNow);
        var dead = row.Entry with { Status = SiloStatus.Dead, SuspectTimes = [.. row.Entry.SuspectTimes, declaredBy] };
        Assert.True(await table.UpdateRowAsync(dead, row.ETag, snapshot.Version, CancellationToken.None));
    }

    /// <summary>A grain of type <typeparamref name="TGrain"/> whose activation lives on <paramref name="silo"/>.</summary>
    private async Task<TGrain> GrainOnAsync<TGrain>(InProcessSilo silo, string prefix)
        where TGrain : IGrainWithStringKey
    {
        for (var i = 0; ; i++)
        {
            var grain = _cluster.GrainFactory.GetGrain<TGrain>($"{prefix}-{i}-{Guid.NewGuid():N}");
            if (_cluster.PlacementOf(grain) == silo)
            {
                return grain;
            }
        }
    }

    /// <summary>Gives <paramref name="count"/> counters distinct values, written at once or only on deactivation.</summary>
    private async Task<IReadOnlyList<ExpectedCounter>> WriteCountersAsync(int count, bool saved)
    {
        var keys = Enumerable.Range(0, count).Select(i => $"counter-{i}-{Guid.NewGuid():N}").ToList();
        var readings = await Task.WhenAll(keys.Select((key, i) =>
        {
            var grain = _cluster.GrainFactory.GetGrain<IDurableCounterGrain>(key);
            return saved ? grain.Add(i + 1) : grain.AddUnsaved(i + 1);
        }));
        Assert.Equal(_cluster.Silos.Count, readings.Select(r => r.SiloName).Distinct().Count());
        return [.. keys.Zip(readings, (key, reading) => new ExpectedCounter(key, reading.Value, reading.SiloName))];
    }

    private async Task AssertEachAnswersOnceAsync(IEnumerable<ExpectedCounter> counters)
    {
        foreach (var counter in counters)
        {
            var grain = _cluster.GrainFactory.GetGrain<IDurableCounterGrain>(counter.Key);
            await Eventually.AssertAsync(() => _cluster.ActivationsOf(grain) == 1, RecoveryBudget, $"counter {counter.Key} has one activation in the cluster");
        }
    }

    private static Task Signal(CancellationToken token)
    {
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => fired.TrySetResult());
        return fired.Task;
    }
}
