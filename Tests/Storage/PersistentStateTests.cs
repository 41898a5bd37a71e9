using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Storage;
using static MultiAgent.Tests.Storage.StorageTestIds;

namespace MultiAgent.Tests.Storage;

/// <summary>The grain-facing state object, as the activation engine creates and loads it.</summary>
public sealed class PersistentStateTests : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly PersistentStateFactory _factory;

    public PersistentStateTests()
    {
        var (host, silo) = TestSiloBuilder.Create();
        silo.AddMemoryGrainStorageAsDefault();
        silo.AddMemoryGrainStorage("Archive");
        _services = host.Services.BuildServiceProvider();
        _factory = _services.GetRequiredService<PersistentStateFactory>();
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public void An_unknown_storage_name_gives_an_error_saying_how_to_add_it()
    {
        var grain = NewGrainId();

        var error = Assert.Throws<InvalidOperationException>(() => _factory.Create<ProfileState>(grain, "profile", "Missing"));

        Assert.Equal(
            $"No grain storage named 'Missing' is configured (state 'profile' of grain {grain}); " +
            "add one with AddMemoryGrainStorage(\"Missing\") or AddRedisGrainStorage(\"Missing\", ...).",
            error.Message);
    }

    [Fact]
    public void Without_any_storage_the_default_name_is_reported()
    {
        using var empty = new ServiceCollection().AddGrainStorageCore().BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(
            () => empty.GetRequiredService<PersistentStateFactory>().Create<ProfileState>(NewGrainId(), "profile", null));

        Assert.Contains("No grain storage named 'Default'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_written_state_is_loaded_by_the_next_activation()
    {
        var grain = NewGrainId();
        var first = await LoadAsync(grain);
        first.State.Name = "Ada";
        await first.WriteStateAsync();

        var next = await LoadAsync(grain);

        Assert.True(next.RecordExists);
        Assert.Equal(first.Etag, next.Etag);
        Assert.Equal("Ada", next.State.Name);
    }

    [Fact]
    public async Task A_new_state_exists_before_loading_and_nothing_is_stored()
    {
        var state = _factory.Create<ProfileState>(NewGrainId(), "profile", null);

        Assert.NotNull(state.State);
        await ((ILoadableState)state).LoadAsync(CancellationToken.None);
        Assert.False(state.RecordExists);
        Assert.Null(state.Etag);
    }

    [Fact]
    public async Task Named_storages_are_separate()
    {
        var grain = NewGrainId();
        var inDefault = await LoadAsync(grain);
        inDefault.State.Name = "default";
        await inDefault.WriteStateAsync();

        var inArchive = _factory.Create<ProfileState>(grain, "profile", "Archive");
        await ((ILoadableState)inArchive).LoadAsync(CancellationToken.None);

        Assert.False(inArchive.RecordExists);
    }

    [Fact]
    public async Task A_duplicate_activation_cannot_overwrite_and_keeps_its_version_until_it_rereads()
    {
        var grain = NewGrainId();
        var winner = await LoadAsync(grain);
        var duplicate = await LoadAsync(grain);
        winner.State.Name = "winner";
        await winner.WriteStateAsync();

        duplicate.State.Name = "duplicate";
        await Assert.ThrowsAsync<InconsistentStateException>(() => duplicate.WriteStateAsync());
        Assert.Null(duplicate.Etag);
        Assert.False(duplicate.RecordExists);

        await duplicate.ReadStateAsync();
        Assert.Equal("winner", duplicate.State.Name);
        duplicate.State.Name = "after re-read";
        await duplicate.WriteStateAsync();
        Assert.Equal("after re-read", (await LoadAsync(grain)).State.Name);
    }

    [Fact]
    public async Task Clear_resets_the_state_and_the_record()
    {
        var grain = NewGrainId();
        var state = await LoadAsync(grain);
        state.State.Name = "gone soon";
        await state.WriteStateAsync();

        await state.ClearStateAsync();

        Assert.False(state.RecordExists);
        Assert.Equal(string.Empty, state.State.Name);
        Assert.False((await LoadAsync(grain)).RecordExists);
    }

    [Fact]
    public void A_state_type_without_a_parameterless_constructor_is_rejected_naming_type_and_state()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _factory.Create<PositionalState>(NewGrainId(), "position", null));

        Assert.Contains(typeof(PositionalState).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("'position'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_serializer_can_be_replaced_through_the_container()
    {
        var (host, silo) = TestSiloBuilder.Create();
        var serializer = new CountingSerializer();
        host.Services.AddSingleton<IGrainStateSerializer>(serializer);
        silo.AddMemoryGrainStorageAsDefault();
        await using var services = host.Services.BuildServiceProvider();
        var state = services.GetRequiredService<PersistentStateFactory>().Create<ProfileState>(NewGrainId(), "profile", null);

        await state.WriteStateAsync();

        Assert.Equal(1, serializer.Writes);
    }

    private async Task<IPersistentState<ProfileState>> LoadAsync(GrainId grain)
    {
        var state = _factory.Create<ProfileState>(grain, "profile", null);
        await ((ILoadableState)state).LoadAsync(CancellationToken.None);
        return state;
    }

    private sealed class CountingSerializer : IGrainStateSerializer
    {
        private readonly JsonGrainStateSerializer _inner = new();
        private int _writes;

        public int Writes => _writes;

        public byte[] Serialize<T>(T value)
        {
            Interlocked.Increment(ref _writes);
            return _inner.Serialize(value);
        }

        public T Deserialize<T>(ReadOnlySpan<byte> data) => _inner.Deserialize<T>(data);
    }
}
