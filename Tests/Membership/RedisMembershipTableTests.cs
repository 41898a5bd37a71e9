using Microsoft.Extensions.Logging.Abstractions;
using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Redis;
using MultiAgent.Tests.Infrastructure;
using StackExchange.Redis;
using static MultiAgent.Tests.Membership.MembershipTestData;

namespace MultiAgent.Tests.Membership;

[Collection(RedisCollection.Name)]
public sealed class RedisMembershipTableTests : MembershipTableContractTests, IAsyncLifetime
{
    private readonly RedisServer _redis;
    private readonly RedisConnectionFactory _connections = new();
    private readonly RedisMembershipOptions _options;
    private readonly RedisMembershipTable _table;

    public RedisMembershipTableTests(RedisServer redis)
    {
        _redis = redis;
        _options = new RedisMembershipOptions { ConnectionString = redis.ConnectionString, ClusterId = NewClusterId() };
        _table = new RedisMembershipTable(_options, _connections, NullLogger<RedisMembershipTable>.Instance);
    }

    protected override IMembershipTable Table => _table;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _table.DeleteClusterAsync(CancellationToken.None);
        await _connections.DisposeAsync();
    }

    [Fact]
    public async Task The_table_is_one_hash_per_cluster_with_a_version_and_row_etag_and_heartbeat_fields()
    {
        var silo = NewSilo();
        await InsertAsync(Entry(silo));
        await _table.UpdateIAmAliveAsync(silo, T0.AddSeconds(1), CancellationToken.None);
        var database = await _connections.GetDatabaseAsync(_redis.ConnectionString, -1, CancellationToken.None);

        var fields = (await database.HashGetAllAsync($"multiagent:{_options.ClusterId}:membership"))
            .ToDictionary(f => (string)f.Name!, f => (string)f.Value!);

        Assert.Equal(
            ["alive:" + silo, "etag:" + silo, "row:" + silo, "version"],
            fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("1", fields["version"]);
        Assert.Equal("1", fields["etag:" + silo]);
        Assert.Equal(T0.AddSeconds(1).UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), fields["alive:" + silo]);
        Assert.Contains("\"status\":\"Active\"", fields["row:" + silo], StringComparison.Ordinal);
        Assert.Contains($"\"siloAddress\":\"{silo}\"", fields["row:" + silo], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clusters_sharing_a_redis_do_not_see_each_other()
    {
        var other = new RedisMembershipTable(
            new RedisMembershipOptions { ConnectionString = _redis.ConnectionString, ClusterId = NewClusterId() },
            _connections,
            NullLogger<RedisMembershipTable>.Instance);
        await InsertAsync(Entry(NewSilo()));

        var seen = await other.ReadAllAsync(CancellationToken.None);

        Assert.Empty(seen.Rows);
        Assert.Equal(0, seen.Version.Version);
    }

    [Fact]
    public async Task An_unreadable_row_is_skipped_and_the_rest_of_the_table_is_still_read()
    {
        var good = NewSilo();
        await InsertAsync(Entry(good));
        var database = await _connections.GetDatabaseAsync(_redis.ConnectionString, -1, CancellationToken.None);
        await database.HashSetAsync(_table.Key, [new HashEntry("row:" + NewSilo(), "{not json"), new HashEntry("etag:x", "9")]);

        var snapshot = await _table.ReadAllAsync(CancellationToken.None);

        Assert.Equal(good, Assert.Single(snapshot.Rows).Entry.SiloAddress);
    }

    [Fact]
    public async Task An_unreachable_redis_fails_naming_the_server_and_the_cluster_but_not_the_password()
    {
        var port = RedisServer.FreeLoopbackPort();
        var table = new RedisMembershipTable(
            new RedisMembershipOptions { ConnectionString = $"127.0.0.1:{port},password=s3cret-pass,connectTimeout=500", ClusterId = "lost" },
            _connections,
            NullLogger<RedisMembershipTable>.Instance);

        var error = await Assert.ThrowsAsync<MembershipTableException>(
            () => table.ReadAllAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("'lost'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_without_a_connection_string_fails_naming_the_key()
    {
        var table = new RedisMembershipTable(new RedisMembershipOptions { ClusterId = "c" }, _connections, NullLogger<RedisMembershipTable>.Instance);

        var error = await Assert.ThrowsAsync<MembershipTableException>(() => table.ReadAllAsync(CancellationToken.None));

        Assert.Contains("MultiAgent:Membership:ConnectionString", error.Message, StringComparison.Ordinal);
    }
}
