using MultiAgent.Runtime.Redis;
using MultiAgent.Runtime.Storage;
using MultiAgent.Tests.Infrastructure;
using StackExchange.Redis;
using static MultiAgent.Tests.Storage.StorageTestIds;

namespace MultiAgent.Tests.Storage;

[Collection(RedisCollection.Name)]
public sealed class RedisGrainStorageTests : GrainStorageContractTests, IAsyncLifetime
{
    private readonly RedisServer _redis;
    private readonly RedisConnectionFactory _connections = new();
    private readonly RedisGrainStorageOptions _options;
    private readonly RedisGrainStorage _storage;

    public RedisGrainStorageTests(RedisServer redis)
    {
        _redis = redis;
        _options = new RedisGrainStorageOptions { ConnectionString = redis.ConnectionString, ServiceId = $"test-{Guid.NewGuid():N}" };
        _storage = new RedisGrainStorage(GrainStorageNames.Default, _options, _connections, new JsonGrainStateSerializer());
    }

    protected override IGrainStorage Storage => _storage;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _connections.DisposeAsync();

    [Fact]
    public async Task A_state_is_a_hash_with_data_and_a_version_and_a_clear_leaves_the_version()
    {
        var grain = NewGrainId();
        var key = $"multiagent:{_options.ServiceId}:state:{StateName}:user/{grain.Key}";
        var state = Fresh();
        state.State.Name = "Ada";
        var database = await _connections.GetDatabaseAsync(_redis.ConnectionString, -1, CancellationToken.None);

        await Storage.WriteStateAsync(StateName, grain, state, CancellationToken.None);
        var written = await database.HashGetAllAsync(key);
        await Storage.ClearStateAsync(StateName, grain, state, CancellationToken.None);
        var cleared = await database.HashGetAllAsync(key);

        Assert.Equal("1", Field(written, "etag"));
        Assert.Contains("\"Ada\"", Field(written, "data"), StringComparison.Ordinal);
        Assert.Equal(2, written.Length);
        Assert.Equal("2", Field(cleared, "etag"));
        Assert.Single(cleared);
    }

    [Fact]
    public async Task Storages_with_the_same_connection_string_share_one_connection()
    {
        var first = await _connections.GetConnectionAsync(_redis.ConnectionString, CancellationToken.None);
        var second = await _connections.GetConnectionAsync(_redis.ConnectionString, CancellationToken.None);

        Assert.Same(first, second);
    }

    private static string? Field(HashEntry[] entries, string name) =>
        entries.Where(e => e.Name == name).Select(e => (string?)e.Value).SingleOrDefault();
}
