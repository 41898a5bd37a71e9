using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Membership;
using MultiAgent.Tests.Infrastructure;
using static MultiAgent.Tests.Membership.MembershipTestData;

namespace MultiAgent.Tests.Membership;

/// <summary>
/// The oracle: several <see cref="MembershipService"/>s on one table, with short intervals (heartbeat
/// 100 ms, death after 500 ms). Run against each table by a subclass. Waits are conditions with a
/// deadline; the deadlines are generous, since timing is measured by benchmarks, not asserted here.
/// </summary>
public abstract class MembershipServiceTests : IAsyncLifetime
{
    protected static readonly MembershipOptions Fast = new()
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        DeathTimeout = TimeSpan.FromMilliseconds(500),
        TableRefreshInterval = TimeSpan.FromMilliseconds(100),
    };

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly List<MembershipService> _services = [];

    protected abstract IMembershipTable Table { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }

        await Table.DeleteClusterAsync(None);
    }

    [Fact]
    public async Task Three_silos_starting_together_all_become_active_and_see_each_other()
    {
        var silos = Enumerable.Range(0, 3).Select(_ => NewService()).ToList();

        await Task.WhenAll(silos.Select(s => s.StartAsync(None)));

        var all = silos.Select(s => s.SiloAddress).Order(AddressOrder).ToList();
        await Eventually.AssertAsync(
            () => silos.All(s => s.ActiveSilos.Select(e => e.SiloAddress).SequenceEqual(all)),
            Deadline,
            "every silo lists all three as active, in the same order");
        Assert.All(silos, s => Assert.Equal(SiloStatus.Active, s.Status));
        var table = await Table.ReadAllAsync(None);
        Assert.All(table.Entries, e => Assert.Equal(SiloStatus.Active, e.Status));
        Assert.Equal(3, table.Rows.Count);
    }

    [Fact]
    public async Task A_silo_that_stops_heartbeating_is_declared_dead_once_and_the_others_agree()
    {
        var (a, b, killed) = await StartThreeAsync();
        var selfDeaths = 0;
        a.SelfDeclaredDead += (_, _) => Interlocked.Increment(ref selfDeaths);
        b.SelfDeclaredDead += (_, _) => Interlocked.Increment(ref selfDeaths);

        // Like kill -9: no goodbye, the heartbeats just stop.
        await killed.DisposeAsync();

        await Eventually.AssertAsync(
            () => a.CurrentView.StatusOf(killed.SiloAddress) == SiloStatus.Dead && b.CurrentView.StatusOf(killed.SiloAddress) == SiloStatus.Dead,
            Deadline,
            "both survivors see the silent silo as dead");
        var table = await Table.ReadAllAsync(None);
        var dead = table.Find(killed.SiloAddress)!.Entry;
        Assert.Equal(SiloStatus.Dead, dead.Status);
        var declaration = Assert.Single(dead.SuspectTimes);
        Assert.Contains(declaration.Suspecter, new[] { a.SiloAddress, b.SiloAddress });
        Assert.Equal(SiloStatus.Active, table.Find(a.SiloAddress)!.Entry.Status);
        Assert.Equal(SiloStatus.Active, table.Find(b.SiloAddress)!.Entry.Status);
        Assert.Equal(new[] { a.SiloAddress, b.SiloAddress }.Order(AddressOrder), a.ActiveSilos.Select(e => e.SiloAddress));
        Assert.Equal(0, selfDeaths);
    }

    [Fact]
    public async Task A_silo_that_reads_itself_declared_dead_raises_SelfDeclaredDead()
    {
        var (victim, other, _) = await StartThreeAsync();
        var raised = new TaskCompletionSource<SelfDeclaredDeadEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var othersRaised = 0;
        victim.SelfDeclaredDead += (_, e) => raised.TrySetResult(e);
        other.SelfDeclaredDead += (_, _) => Interlocked.Increment(ref othersRaised);
        var declarer = NewSilo();

        await MarkDeadAsync(victim.SiloAddress, declarer);
        var args = await raised.Task.WaitAsync(Deadline);

        Assert.Equal(victim.SiloAddress, args.Silo);
        Assert.Equal(SiloStatus.Dead, args.Row!.Status);
        Assert.Equal(declarer, Assert.Single(args.Row.SuspectTimes).Suspecter);
        Assert.True(victim.IsDeclaredDead);
        Assert.Equal(SiloStatus.Dead, victim.Status);
        Assert.False(other.IsDeclaredDead);
        Assert.Equal(0, othersRaised);
        await Assert.ThrowsAsync<SiloDeclaredDeadException>(() => victim.BeginShutdownAsync(None));
    }

    [Fact]
    public async Task A_silo_whose_row_is_gone_finds_itself_dead()
    {
        var silo = NewService();
        await silo.StartAsync(None);
        var raised = new TaskCompletionSource<SelfDeclaredDeadEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        silo.SelfDeclaredDead += (_, e) => raised.TrySetResult(e);

        await Table.DeleteClusterAsync(None);
        var args = await raised.Task.WaitAsync(Deadline);

        Assert.Null(args.Row);
        Assert.True(silo.IsDeclaredDead);
    }

    [Fact]
    public async Task A_graceful_stop_goes_through_shutting_down_to_dead_and_the_others_see_it()
    {
        var (leaving, watcher, _) = await StartThreeAsync();
        var ownStatuses = new ConcurrentQueue<SiloStatus>();
        leaving.ViewChanged += (_, view) => ownStatuses.Enqueue(view.StatusOf(leaving.SiloAddress));
        var selfDeaths = 0;
        leaving.SelfDeclaredDead += (_, _) => Interlocked.Increment(ref selfDeaths);

        await leaving.BeginShutdownAsync(None);

        Assert.Equal(SiloStatus.ShuttingDown, (await Table.ReadAllAsync(None)).Find(leaving.SiloAddress)!.Entry.Status);
        await Eventually.AssertAsync(
            () => watcher.CurrentView.StatusOf(leaving.SiloAddress) == SiloStatus.ShuttingDown
                && watcher.ActiveSilos.All(e => e.SiloAddress != leaving.SiloAddress),
            Deadline,
            "the others stop counting a shutting-down silo as active");

        await leaving.StopAsync(None);

        var row = (await Table.ReadAllAsync(None)).Find(leaving.SiloAddress)!.Entry;
        Assert.Equal(SiloStatus.Dead, row.Status);
        Assert.Empty(row.SuspectTimes);
        Assert.Equal([SiloStatus.ShuttingDown, SiloStatus.Dead], ownStatuses);
        Assert.Equal(SiloStatus.Dead, leaving.Status);
        Assert.Equal(0, selfDeaths);
        await Eventually.AssertAsync(
            () => watcher.CurrentView.StatusOf(leaving.SiloAddress) == SiloStatus.Dead,
            Deadline,
            "the others see the silo that left as dead");
    }

    [Fact]
    public async Task Stop_from_active_still_passes_through_shutting_down()
    {
        var silo = NewService();
        await silo.StartAsync(None);
        var ownStatuses = new ConcurrentQueue<SiloStatus>();
        silo.ViewChanged += (_, view) => ownStatuses.Enqueue(view.StatusOf(silo.SiloAddress));

        await silo.StopAsync(None);

        Assert.Equal([SiloStatus.ShuttingDown, SiloStatus.Dead], ownStatuses);
        Assert.Equal(SiloStatus.Dead, (await Table.ReadAllAsync(None)).Find(silo.SiloAddress)!.Entry.Status);
    }

    [Fact]
    public async Task After_the_whole_machine_stalls_nobody_is_declared_dead()
    {
        var clock = new ShiftableTimeProvider();
        var silos = Enumerable.Range(0, 3).Select(_ => NewService(time: clock)).ToList();
        await Task.WhenAll(silos.Select(s => s.StartAsync(None)));
        var before = (await Table.ReadAllAsync(None)).Version;

        // Every silo wakes to find every heartbeat, its own included, ten death timeouts old.
        clock.Jump(Fast.DeathTimeout * 10);
        var settled = clock.GetUtcNow() + (Fast.DeathTimeout * 2);

        await Eventually.AssertAsync(
            async () => (await Table.ReadAllAsync(None)).Entries.All(e => e.IAmAliveTime > settled),
            Deadline,
            "every silo heartbeats past the window in which heartbeats are not judged");
        foreach (var silo in silos)
        {
            await silo.RefreshAsync(None);
        }

        Assert.Equal(before, (await Table.ReadAllAsync(None)).Version);
        Assert.All(silos, s => Assert.Equal(SiloStatus.Active, s.Status));
    }

    [Fact]
    public async Task A_restarted_silo_declares_its_predecessor_on_the_same_endpoint_dead_when_it_joins()
    {
        var first = NewSilo(generation: 100);
        var before = NewService(first);
        await before.StartAsync(None);
        await before.DisposeAsync();

        var after = NewService(new SiloAddress(first.Host, first.Port, first.Generation + 1));
        await after.StartAsync(None);

        // No waiting: the join itself settles it, so the predecessor's grains can move at once.
        var table = await Table.ReadAllAsync(None);
        Assert.Equal(SiloStatus.Dead, table.Find(first)!.Entry.Status);
        Assert.Equal(after.SiloAddress, Assert.Single(table.Find(first)!.Entry.SuspectTimes).Suspecter);
        Assert.Equal(SiloStatus.Active, table.Find(after.SiloAddress)!.Entry.Status);
    }

    [Fact]
    public async Task A_watcher_gets_the_current_view_then_each_change()
    {
        var first = NewService();
        await first.StartAsync(None);
        using var stop = new CancellationTokenSource(Deadline);
        var views = new List<MembershipView>();
        var watching = Task.Run(async () =>
        {
            await foreach (var view in first.WatchAsync(stop.Token))
            {
                views.Add(view);
                if (view.ActiveSilos.Count == 2)
                {
                    return view;
                }
            }

            throw new InvalidOperationException("The watch ended early.");
        });

        var second = NewService();
        await second.StartAsync(None);
        var last = await watching.WaitAsync(Deadline);

        Assert.Equal([first.SiloAddress], views[0].ActiveSilos.Select(e => e.SiloAddress));
        Assert.Contains(second.SiloAddress, last.ActiveSilos.Select(e => e.SiloAddress));
        Assert.Equal(views.Select(v => v.Version.Version).Order(), views.Select(v => v.Version.Version));
    }

    [Fact]
    public async Task A_watch_ends_when_the_silo_leaves()
    {
        var silo = NewService();
        await silo.StartAsync(None);
        var watching = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var _ in silo.WatchAsync(None))
            {
                count++;
            }

            return count;
        });

        await silo.StopAsync(None);

        Assert.True(await watching.WaitAsync(Deadline) >= 1);
    }

    [Fact]
    public async Task A_silo_cannot_join_twice_with_the_same_address()
    {
        var address = NewSilo();
        await NewService(address).StartAsync(None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => NewService(address).StartAsync(None));

        Assert.Contains(address.ToString(), error.Message, StringComparison.Ordinal);
    }

    protected MembershipService NewService(SiloAddress? address = null, TimeProvider? time = null)
    {
        var silo = address ?? NewSilo();
        var service = new MembershipService(
            Table,
            new LocalSiloDetails(silo, $"silo-{silo.Port}", silo.Port + 10_000),
            Options.Create(Fast),
            time ?? TimeProvider.System,
            NullLogger<MembershipService>.Instance);
        _services.Add(service);
        return service;
    }

    private static IComparer<SiloAddress> AddressOrder { get; } =
        Comparer<SiloAddress>.Create((x, y) => string.CompareOrdinal(x.ToString(), y.ToString()));

    private async Task<(MembershipService, MembershipService, MembershipService)> StartThreeAsync()
    {
        var silos = Enumerable.Range(0, 3).Select(_ => NewService()).ToList();
        await Task.WhenAll(silos.Select(s => s.StartAsync(None)));
        await Eventually.AssertAsync(() => silos.All(s => s.ActiveSilos.Count == 3), Deadline, "all three see each other active");
        return (silos[0], silos[1], silos[2]);
    }

    /// <summary>What another silo's oracle would write; retried, since the table may move between read and write.</summary>
    private async Task MarkDeadAsync(SiloAddress silo, SiloAddress declarer)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var snapshot = await Table.ReadAllAsync(None);
            var row = snapshot.Find(silo)!;
            var dead = row.Entry with { Status = SiloStatus.Dead, SuspectTimes = [new SuspectTime(declarer, DateTimeOffset.UtcNow)] };
            if (await Table.UpdateRowAsync(dead, row.ETag, snapshot.Version, None))
            {
                return;
            }
        }

        Assert.Fail($"Could not mark {silo} dead.");
    }
}
