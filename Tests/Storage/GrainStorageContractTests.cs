using MultiAgent.Runtime;
using MultiAgent.Runtime.Storage;
using static MultiAgent.Tests.Storage.StorageTestIds;

namespace MultiAgent.Tests.Storage;

/// <summary>
/// The behaviour every grain storage provider must share; run against each provider by a
/// concrete subclass, so the memory provider used in tests cannot drift from Redis.
/// </summary>
public abstract class GrainStorageContractTests
{
    protected const string StateName = "profile";

    protected abstract IGrainStorage Storage { get; }

    [Fact]
    public async Task Read_when_nothing_is_stored_gives_a_new_state_and_no_etag()
    {
        var state = new GrainState<ProfileState>(new ProfileState { Name = "left over" });

        await Storage.ReadStateAsync(StateName, NewGrainId(), state, CancellationToken.None);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(string.Empty, state.State.Name);
    }

    [Fact]
    public async Task Write_then_read_in_a_fresh_state_returns_the_value_etag_and_record()
    {
        var grain = NewGrainId();
        var written = Fresh();
        written.State = new ProfileState { Name = "Ada", Visits = 3, Tags = ["a", "b"], Mood = Mood.Busy };

        await Storage.WriteStateAsync(StateName, grain, written, CancellationToken.None);
        var read = Fresh();
        await Storage.ReadStateAsync(StateName, grain, read, CancellationToken.None);

        Assert.True(written.RecordExists);
        Assert.NotNull(written.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("Ada", read.State.Name);
        Assert.Equal(3, read.State.Visits);
        Assert.Equal(["a", "b"], read.State.Tags);
        Assert.Equal(Mood.Busy, read.State.Mood);
    }

    [Fact]
    public async Task Each_write_gives_a_new_etag()
    {
        var grain = NewGrainId();
        var state = Fresh();

        await Storage.WriteStateAsync(StateName, grain, state, CancellationToken.None);
        var first = state.ETag;
        await Storage.WriteStateAsync(StateName, grain, state, CancellationToken.None);

        Assert.NotEqual(first, state.ETag);
    }

    [Fact]
    public async Task Mutating_the_state_after_a_write_does_not_change_what_is_stored()
    {
        var grain = NewGrainId();
        var state = Fresh();
        state.State.Name = "stored";
        await Storage.WriteStateAsync(StateName, grain, state, CancellationToken.None);

        state.State.Name = "changed in memory only";
        state.State.Tags.Add("x");
        var read = Fresh();
        await Storage.ReadStateAsync(StateName, grain, read, CancellationToken.None);

        Assert.Equal("stored", read.State.Name);
        Assert.Empty(read.State.Tags);
    }

    [Fact]
    public async Task Of_two_writers_that_read_the_same_version_the_first_wins_and_the_second_conflicts()
    {
        var grain = NewGrainId();
        var setup = Fresh();
        await Storage.WriteStateAsync(StateName, grain, setup, CancellationToken.None);
        var first = await ReadAsync(grain);
        var second = await ReadAsync(grain);
        var versionBoth = first.ETag;

        first.State.Name = "first";
        await Storage.WriteStateAsync(StateName, grain, first, CancellationToken.None);
        second.State.Name = "second";
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grain, second, CancellationToken.None));

        Assert.Equal(first.ETag, conflict.StoredEtag);
        Assert.Equal(versionBoth, conflict.CurrentEtag);
        Assert.Equal(versionBoth, second.ETag);
        Assert.Contains($"'{StateName}'", conflict.Message, StringComparison.Ordinal);
        Assert.Contains(grain.ToString(), conflict.Message, StringComparison.Ordinal);
        Assert.Contains($"'{first.ETag}'", conflict.Message, StringComparison.Ordinal);
        Assert.Contains($"'{versionBoth}'", conflict.Message, StringComparison.Ordinal);
        var stored = await ReadAsync(grain);
        Assert.Equal("first", stored.State.Name);
        Assert.Equal(first.ETag, stored.ETag);
    }

    [Fact]
    public async Task Of_two_writers_that_found_nothing_the_second_conflicts()
    {
        var grain = NewGrainId();
        var first = await ReadAsync(grain);
        var second = await ReadAsync(grain);

        first.State.Name = "first";
        await Storage.WriteStateAsync(StateName, grain, first, CancellationToken.None);
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grain, second, CancellationToken.None));

        Assert.Equal(first.ETag, conflict.StoredEtag);
        Assert.Null(conflict.CurrentEtag);
        Assert.False(second.RecordExists);
        Assert.Equal("first", (await ReadAsync(grain)).State.Name);
    }

    [Fact]
    public async Task Of_many_parallel_writers_from_one_version_exactly_one_wins()
    {
        var grain = NewGrainId();
        var setup = Fresh();
        await Storage.WriteStateAsync(StateName, grain, setup, CancellationToken.None);
        var writers = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            var state = await ReadAsync(grain);
            state.State.Name = $"writer {i}";
            return state;
        }));

        var outcomes = await Task.WhenAll(writers.Select(async w =>
        {
            try
            {
                await Task.Yield();
                await Storage.WriteStateAsync(StateName, grain, w, CancellationToken.None);
                return w.State.Name;
            }
            catch (InconsistentStateException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(outcomes, o => o is not null);
        Assert.Equal(winner, (await ReadAsync(grain)).State.Name);
    }

    [Fact]
    public async Task Clear_then_read_gives_no_record_and_a_new_state()
    {
        var grain = NewGrainId();
        var state = Fresh();
        state.State.Name = "to be cleared";
        await Storage.WriteStateAsync(StateName, grain, state, CancellationToken.None);

        await Storage.ClearStateAsync(StateName, grain, state, CancellationToken.None);
        var read = await ReadAsync(grain);

        Assert.False(state.RecordExists);
        Assert.Equal(string.Empty, state.State.Name);
        Assert.False(read.RecordExists);
        Assert.Equal(string.Empty, read.State.Name);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task A_write_that_read_before_a_clear_conflicts()
    {
        var grain = NewGrainId();
        var setup = Fresh();
        await Storage.WriteStateAsync(StateName, grain, setup, CancellationToken.None);
        var clearer = await ReadAsync(grain);
        var stale = await ReadAsync(grain);

        await Storage.ClearStateAsync(StateName, grain, clearer, CancellationToken.None);
        stale.State.Name = "stale";
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grain, stale, CancellationToken.None));

        Assert.Equal(clearer.ETag, conflict.StoredEtag);
        Assert.False((await ReadAsync(grain)).RecordExists);
    }

    [Fact]
    public async Task The_clearing_activation_can_write_again()
    {
        var grain = NewGrainId();
        var state = Fresh();
        await Storage.WriteStateAsync(StateName, grain, state, CancellationToken.None);
        await Storage.ClearStateAsync(StateName, grain, state, CancellationToken.None);

        state.State.Name = "after clear";
        await Storage.WriteStateAsync(StateName, grain, state, CancellationToken.None);

        var read = await ReadAsync(grain);
        Assert.True(read.RecordExists);
        Assert.Equal("after clear", read.State.Name);
    }

    [Fact]
    public async Task A_stale_clear_conflicts_and_keeps_the_newer_state()
    {
        var grain = NewGrainId();
        var setup = Fresh();
        await Storage.WriteStateAsync(StateName, grain, setup, CancellationToken.None);
        var stale = await ReadAsync(grain);
        setup.State.Name = "newer";
        await Storage.WriteStateAsync(StateName, grain, setup, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.ClearStateAsync(StateName, grain, stale, CancellationToken.None));

        Assert.Equal("newer", (await ReadAsync(grain)).State.Name);
    }

    [Fact]
    public async Task States_are_separate_per_state_name_and_per_grain()
    {
        var grain = NewGrainId();
        var other = NewGrainId();
        var state = Fresh();
        state.State.Name = "profile of grain";
        await Storage.WriteStateAsync(StateName, grain, state, CancellationToken.None);

        var otherName = Fresh();
        await Storage.ReadStateAsync("settings", grain, otherName, CancellationToken.None);
        var otherGrain = await ReadAsync(other);

        Assert.False(otherName.RecordExists);
        Assert.False(otherGrain.RecordExists);
    }

    [Fact]
    public async Task Undecodable_stored_data_fails_the_read_naming_state_grain_and_storage()
    {
        var grain = NewGrainId();
        await Storage.WriteStateAsync(StateName, grain, new GrainState<string>("not a profile"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<GrainStorageException>(
            () => Storage.ReadStateAsync(StateName, grain, Fresh(), CancellationToken.None));

        Assert.StartsWith(
            $"Could not read state '{StateName}' of grain {grain} from storage '{GrainStorageNames.Default}': ",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_write_throws_and_stores_nothing()
    {
        var grain = NewGrainId();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Storage.WriteStateAsync(StateName, grain, Fresh(), cancelled.Token));

        Assert.False((await ReadAsync(grain)).RecordExists);
    }

    [Fact]
    public async Task Reading_a_state_type_without_a_parameterless_constructor_names_type_and_state()
    {
        var error = await Assert.ThrowsAsync<GrainStorageException>(
            () => Storage.ReadStateAsync("position", NewGrainId(), new GrainState<PositionalState>(new("x")), CancellationToken.None));

        Assert.Contains(nameof(PositionalState), error.Message, StringComparison.Ordinal);
        Assert.Contains("'position'", error.Message, StringComparison.Ordinal);
    }

    protected static GrainState<ProfileState> Fresh() => new(new ProfileState());

    protected async Task<GrainState<ProfileState>> ReadAsync(GrainId grain)
    {
        var state = Fresh();
        await Storage.ReadStateAsync(StateName, grain, state, CancellationToken.None);
        return state;
    }
}
