using MultiAgent.Runtime.Membership;
using static MultiAgent.Tests.Membership.MembershipTestData;

namespace MultiAgent.Tests.Membership;

/// <summary>
/// What every membership table must do; run against each implementation by a subclass, so the
/// in-memory table used in single-process runs cannot drift from Redis.
/// </summary>
public abstract class MembershipTableContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected abstract IMembershipTable Table { get; }

    [Fact]
    public async Task An_empty_table_has_no_rows_and_version_zero()
    {
        var snapshot = await Table.ReadAllAsync(None);

        Assert.Empty(snapshot.Rows);
        Assert.Equal(0, snapshot.Version.Version);
    }

    [Fact]
    public async Task An_inserted_row_reads_back_whole_and_bumps_the_version()
    {
        var silo = NewSilo();
        var entry = Entry(silo, SiloStatus.Joining) with { SuspectTimes = [new SuspectTime(NewSilo(), T0.AddSeconds(1))] };

        var inserted = await Table.InsertRowAsync(entry, TableVersion.Empty, None);
        var snapshot = await Table.ReadAllAsync(None);

        Assert.True(inserted);
        Assert.Equal(1, snapshot.Version.Version);
        var row = Assert.Single(snapshot.Rows);
        Assert.Equal(entry, row.Entry);
        Assert.False(string.IsNullOrEmpty(row.ETag));
    }

    [Fact]
    public async Task An_insert_with_a_stale_table_version_fails_and_changes_nothing()
    {
        var stale = (await Table.ReadAllAsync(None)).Version;
        Assert.True(await Table.InsertRowAsync(Entry(NewSilo()), stale, None));
        var before = await Table.ReadAllAsync(None);

        var inserted = await Table.InsertRowAsync(Entry(NewSilo()), stale, None);

        Assert.False(inserted);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task A_second_insert_of_the_same_silo_fails()
    {
        var silo = NewSilo();
        Assert.True(await Table.InsertRowAsync(Entry(silo), TableVersion.Empty, None));
        var before = await Table.ReadAllAsync(None);

        var inserted = await Table.InsertRowAsync(Entry(silo, SiloStatus.Dead), before.Version, None);

        Assert.False(inserted);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task An_update_with_the_read_versions_replaces_the_row_and_gives_it_a_new_etag()
    {
        var silo = NewSilo();
        await Table.InsertRowAsync(Entry(silo, SiloStatus.Joining), TableVersion.Empty, None);
        var read = await Table.ReadAllAsync(None);
        var row = read.Find(silo)!;

        var active = row.Entry with { Status = SiloStatus.Active, IAmAliveTime = T0.AddSeconds(5) };
        var updated = await Table.UpdateRowAsync(active, row.ETag, read.Version, None);
        var after = await Table.ReadAllAsync(None);

        Assert.True(updated);
        Assert.Equal(read.Version.Version + 1, after.Version.Version);
        Assert.Equal(active, after.Find(silo)!.Entry);
        Assert.NotEqual(row.ETag, after.Find(silo)!.ETag);
    }

    [Fact]
    public async Task An_update_with_a_stale_table_version_fails_and_changes_nothing()
    {
        var silo = NewSilo();
        await Table.InsertRowAsync(Entry(silo), TableVersion.Empty, None);
        var read = await Table.ReadAllAsync(None);

        // Another silo's insert moves the table version on; this silo's row and etag stay the same.
        Assert.True(await Table.InsertRowAsync(Entry(NewSilo()), read.Version, None));
        var before = await Table.ReadAllAsync(None);
        var updated = await Table.UpdateRowAsync(read.Find(silo)!.Entry with { Status = SiloStatus.Dead }, read.Find(silo)!.ETag, read.Version, None);

        Assert.False(updated);
        Assert.Equal(read.Find(silo)!.ETag, before.Find(silo)!.ETag);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task An_update_with_a_stale_row_etag_fails_and_changes_nothing()
    {
        var silo = NewSilo();
        await Table.InsertRowAsync(Entry(silo, SiloStatus.Joining), TableVersion.Empty, None);
        var first = await Table.ReadAllAsync(None);
        Assert.True(await Table.UpdateRowAsync(first.Find(silo)!.Entry with { Status = SiloStatus.Active }, first.Find(silo)!.ETag, first.Version, None));
        var before = await Table.ReadAllAsync(None);

        var updated = await Table.UpdateRowAsync(first.Find(silo)!.Entry with { Status = SiloStatus.Dead }, first.Find(silo)!.ETag, before.Version, None);

        Assert.False(updated);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task An_update_of_a_silo_without_a_row_fails()
    {
        var read = await Table.ReadAllAsync(None);

        var updated = await Table.UpdateRowAsync(Entry(NewSilo()), "1", read.Version, None);

        Assert.False(updated);
        await AssertUnchangedAsync(read);
    }

    [Fact]
    public async Task Of_20_parallel_declarations_from_one_reading_exactly_one_wins()
    {
        var target = NewSilo();
        await Table.InsertRowAsync(Entry(target), TableVersion.Empty, None);
        var read = await Table.ReadAllAsync(None);
        var row = read.Find(target)!;
        var declarers = Enumerable.Range(0, 20).Select(_ => NewSilo()).ToList();

        var outcomes = await Task.WhenAll(declarers.Select(async declarer =>
        {
            await Task.Yield();
            var dead = row.Entry with { Status = SiloStatus.Dead, SuspectTimes = [new SuspectTime(declarer, T0)] };
            return (declarer, won: await Table.UpdateRowAsync(dead, row.ETag, read.Version, None));
        }));

        var winner = Assert.Single(outcomes, o => o.won).declarer;
        var after = await Table.ReadAllAsync(None);
        Assert.Equal(read.Version.Version + 1, after.Version.Version);
        var stored = after.Find(target)!.Entry;
        Assert.Equal(SiloStatus.Dead, stored.Status);
        Assert.Equal(winner, Assert.Single(stored.SuspectTimes).Suspecter);
    }

    [Fact]
    public async Task Of_parallel_inserts_from_one_reading_exactly_one_wins()
    {
        var read = await Table.ReadAllAsync(None);
        var silos = Enumerable.Range(0, 10).Select(_ => NewSilo()).ToList();

        var outcomes = await Task.WhenAll(silos.Select(async silo =>
        {
            await Task.Yield();
            return (silo, won: await Table.InsertRowAsync(Entry(silo), read.Version, None));
        }));

        var winner = Assert.Single(outcomes, o => o.won).silo;
        Assert.Equal(winner, Assert.Single((await Table.ReadAllAsync(None)).Rows).Entry.SiloAddress);
    }

    [Fact]
    public async Task A_heartbeat_moves_the_alive_time_but_neither_the_version_nor_the_row_etag()
    {
        var silo = NewSilo();
        await Table.InsertRowAsync(Entry(silo), TableVersion.Empty, None);
        var before = await Table.ReadAllAsync(None);
        var beat = T0.AddSeconds(3).AddTicks(1234);

        var accepted = await Table.UpdateIAmAliveAsync(silo, beat, None);
        var after = await Table.ReadAllAsync(None);

        Assert.True(accepted);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Find(silo)!.ETag, after.Find(silo)!.ETag);
        Assert.Equal(beat, after.Find(silo)!.Entry.IAmAliveTime);
        Assert.Equal(before.Find(silo)!.Entry with { IAmAliveTime = beat }, after.Find(silo)!.Entry);
    }

    [Fact]
    public async Task A_heartbeat_does_not_stale_an_update_that_read_before_it()
    {
        var silo = NewSilo();
        await Table.InsertRowAsync(Entry(silo), TableVersion.Empty, None);
        var read = await Table.ReadAllAsync(None);

        await Table.UpdateIAmAliveAsync(silo, T0.AddSeconds(1), None);
        var updated = await Table.UpdateRowAsync(read.Find(silo)!.Entry with { Status = SiloStatus.ShuttingDown }, read.Find(silo)!.ETag, read.Version, None);

        Assert.True(updated);
    }

    [Fact]
    public async Task An_update_never_moves_the_last_heartbeat_back()
    {
        var silo = NewSilo();
        await Table.InsertRowAsync(Entry(silo), TableVersion.Empty, None);
        await Table.UpdateIAmAliveAsync(silo, T0.AddSeconds(10), None);
        var read = await Table.ReadAllAsync(None);

        // A declarer writes the row with the time it read before the latest heartbeat.
        var dead = read.Find(silo)!.Entry with { Status = SiloStatus.Dead, IAmAliveTime = T0 };
        Assert.True(await Table.UpdateRowAsync(dead, read.Find(silo)!.ETag, read.Version, None));

        Assert.Equal(T0.AddSeconds(10), (await Table.ReadAllAsync(None)).Find(silo)!.Entry.IAmAliveTime);
    }

    [Fact]
    public async Task A_heartbeat_of_a_silo_without_a_row_is_refused_and_adds_nothing()
    {
        var before = await Table.ReadAllAsync(None);

        var accepted = await Table.UpdateIAmAliveAsync(NewSilo(), T0, None);

        Assert.False(accepted);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_rows_older_than_the_cutoff()
    {
        var oldDead = NewSilo();
        var recentDead = NewSilo();
        var oldActive = NewSilo();
        await InsertAsync(Entry(oldDead, SiloStatus.Dead, alive: T0));
        await InsertAsync(Entry(recentDead, SiloStatus.Dead, alive: T0.AddHours(2)));
        await InsertAsync(Entry(oldActive, SiloStatus.Active, alive: T0));
        var before = await Table.ReadAllAsync(None);

        var removed = await Table.CleanupDefunctEntriesAsync(T0.AddHours(1), None);
        var after = await Table.ReadAllAsync(None);

        Assert.Equal(1, removed);
        Assert.Null(after.Find(oldDead));
        Assert.NotNull(after.Find(recentDead));
        Assert.NotNull(after.Find(oldActive));
        Assert.Equal(before.Version.Version + 1, after.Version.Version);
    }

    [Fact]
    public async Task Cleanup_judges_a_dead_row_by_its_last_heartbeat()
    {
        var silo = NewSilo();
        await InsertAsync(Entry(silo, SiloStatus.Dead, alive: T0));
        await Table.UpdateIAmAliveAsync(silo, T0.AddHours(2), None);

        var removed = await Table.CleanupDefunctEntriesAsync(T0.AddHours(1), None);

        Assert.Equal(0, removed);
        Assert.NotNull((await Table.ReadAllAsync(None)).Find(silo));
    }

    [Fact]
    public async Task Cleanup_with_nothing_to_remove_changes_nothing()
    {
        await InsertAsync(Entry(NewSilo(), SiloStatus.Active, alive: T0));
        var before = await Table.ReadAllAsync(None);

        var removed = await Table.CleanupDefunctEntriesAsync(T0.AddHours(1), None);

        Assert.Equal(0, removed);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task A_row_removed_and_inserted_again_never_matches_its_old_etag()
    {
        var silo = NewSilo();
        await InsertAsync(Entry(silo, SiloStatus.Dead, alive: T0));
        var old = await Table.ReadAllAsync(None);
        await Table.CleanupDefunctEntriesAsync(T0.AddHours(1), None);
        await InsertAsync(Entry(silo, SiloStatus.Active, alive: T0));
        var current = await Table.ReadAllAsync(None);

        var updated = await Table.UpdateRowAsync(Entry(silo, SiloStatus.Dead), old.Find(silo)!.ETag, current.Version, None);

        Assert.False(updated);
        Assert.NotEqual(old.Find(silo)!.ETag, current.Find(silo)!.ETag);
    }

    [Fact]
    public async Task Deleting_the_cluster_empties_the_table()
    {
        await InsertAsync(Entry(NewSilo()));
        await InsertAsync(Entry(NewSilo()));

        await Table.DeleteClusterAsync(None);
        var after = await Table.ReadAllAsync(None);

        Assert.Empty(after.Rows);
        Assert.Equal(0, after.Version.Version);
    }

    /// <summary>Inserts at the current version; the test owns the table, so nothing races it.</summary>
    protected async Task InsertAsync(MembershipEntry entry)
    {
        var version = (await Table.ReadAllAsync(None)).Version;
        Assert.True(await Table.InsertRowAsync(entry, version, None), $"insert of {entry.SiloAddress}");
    }

    private async Task AssertUnchangedAsync(MembershipTableSnapshot before)
    {
        var after = await Table.ReadAllAsync(None);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(
            before.Rows.OrderBy(r => r.Entry.SiloAddress.ToString(), StringComparer.Ordinal),
            after.Rows.OrderBy(r => r.Entry.SiloAddress.ToString(), StringComparer.Ordinal));
    }
}
