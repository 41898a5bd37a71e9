using MultiAgent.Runtime.Redis;
using MultiAgent.Runtime.Storage;
using MultiAgent.Tests.Infrastructure;
using static MultiAgent.Tests.Storage.StorageTestIds;

namespace MultiAgent.Tests.Storage;

/// <summary>What a silo sees when Redis is down: a prompt error naming the server, and recovery once it is up.</summary>
public sealed class RedisUnreachableTests : IAsyncLifetime
{
    // Guards against a hang only; the storage gives up after the connect timeout in the connection string.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly RedisConnectionFactory _connections = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _connections.DisposeAsync();

    [Fact]
    public async Task Reads_and_writes_fail_naming_host_and_port_but_not_the_password()
    {
        var port = RedisServer.FreeLoopbackPort();
        var storage = Storage($"127.0.0.1:{port},password=s3cret-pass,connectTimeout=1000");
        var grain = NewGrainId();

        var read = await Assert.ThrowsAsync<GrainStorageException>(
            () => storage.ReadStateAsync("profile", grain, new GrainState<ProfileState>(new()), CancellationToken.None).WaitAsync(HangGuard));
        var write = await Assert.ThrowsAsync<GrainStorageException>(
            () => storage.WriteStateAsync("profile", grain, new GrainState<ProfileState>(new()), CancellationToken.None).WaitAsync(HangGuard));

        foreach (var error in new[] { read, write })
        {
            Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
            Assert.Contains($"grain {grain}", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret-pass", error.ToString(), StringComparison.Ordinal);
            Assert.IsType<RedisUnavailableException>(error.InnerException);
        }
    }

    [Fact]
    public async Task A_host_name_is_named_with_the_default_port()
    {
        var storage = Storage("unreachable.invalid,connectTimeout=500");

        var error = await Assert.ThrowsAsync<GrainStorageException>(
            () => storage.ReadStateAsync("profile", NewGrainId(), new GrainState<ProfileState>(new()), CancellationToken.None).WaitAsync(HangGuard));

        Assert.Contains("unreachable.invalid:6379", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_works_once_redis_comes_up_after_a_failed_attempt()
    {
        var port = RedisServer.FreeLoopbackPort();
        var storage = Storage($"127.0.0.1:{port},connectTimeout=1000");
        var grain = NewGrainId();
        await Assert.ThrowsAsync<GrainStorageException>(
            () => storage.ReadStateAsync("profile", grain, new GrainState<ProfileState>(new()), CancellationToken.None).WaitAsync(HangGuard));

        await using var server = await RedisServer.StartAsync(port);

        await Eventually.AssertAsync(
            async () =>
            {
                await storage.WriteStateAsync("profile", grain, new GrainState<ProfileState>(new()), CancellationToken.None);
                return true;
            },
            TimeSpan.FromSeconds(20),
            "the shared connection reconnects on its own once redis-server listens");
    }

    private RedisGrainStorage Storage(string connectionString) => new(
        GrainStorageNames.Default,
        new RedisGrainStorageOptions { ConnectionString = connectionString },
        _connections,
        new JsonGrainStateSerializer());
}
