using Microsoft.Extensions.Logging.Abstractions;
using MultiAgent.Runtime.Client;
using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Redis;
using MultiAgent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MultiAgent.Tests.Cluster;

/// <summary>
/// Silo processes of one cluster: Redis membership and Redis grain storage on the test's Redis server,
/// failure detection fast enough for tests (heartbeat 200 ms, death 2 s, refresh 200 ms), free ports.
/// Clients find the gateways through the membership table; the table itself is open to the test.
/// </summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    private readonly RedisServer _redis;
    private readonly ITestOutputHelper _log;
    private readonly List<SiloProcess> _silos = [];
    private readonly List<ClusterClient> _clients = [];
    private readonly RedisConnectionFactory _connections = new();

    public ProcessCluster(RedisServer redis, ITestOutputHelper log)
    {
        _redis = redis;
        _log = log;
        Table = new RedisMembershipTable(
            new RedisMembershipOptions { ConnectionString = redis.ConnectionString, ClusterId = ClusterId },
            _connections,
            NullLogger<RedisMembershipTable>.Instance);
    }

    public string ClusterId { get; } = $"process-test-{Guid.NewGuid():N}";

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>The cluster's membership table in Redis, as the silos see it.</summary>
    public IMembershipTable Table { get; }

    /// <summary>Starts silos named <paramref name="names"/> side by side and waits until each serves.</summary>
    public Task StartSilosAsync(params string[] names) => StartSilosAsync(new Dictionary<string, string>(), names);

    /// <summary>Starts silos with <paramref name="settings"/> on top of the cluster's own (e.g. a Kafka provider).</summary>
    public async Task StartSilosAsync(IReadOnlyDictionary<string, string> settings, params string[] names)
    {
        var configuration = Configuration();
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        var started = await Task.WhenAll(names.Select(name => SiloProcess.StartAsync(name, configuration, _log)));
        _silos.AddRange(started);
    }

    /// <summary>A client that finds the gateways in the membership table and keeps the list current.</summary>
    public async Task<ClusterClient> ConnectClientAsync()
    {
        var client = new ClusterClient(new ClusterClientOptions
        {
            ClusterId = ClusterId,
            MembershipConnectionString = _redis.ConnectionString,
            GatewayRefreshInterval = TimeSpan.FromMilliseconds(200),
            ResponseTimeout = TimeSpan.FromSeconds(5),
        });
        _clients.Add(client);
        await client.ConnectAsync();
        return client;
    }

    /// <summary>Waits until the table lists <paramref name="count"/> active silos (so placement everywhere covers them).</summary>
    public Task WaitForActiveSilosAsync(int count) => Eventually.AssertAsync(
        async () => (await Table.ReadAllAsync(CancellationToken.None)).Entries.Count(e => e.Status == SiloStatus.Active) == count,
        TimeSpan.FromSeconds(15),
        $"{count} silos are active in the membership table");

    private Dictionary<string, string> Configuration() => new()
    {
        ["MultiAgent:Silo:ClusterId"] = ClusterId,
        ["MultiAgent:Membership:ConnectionString"] = _redis.ConnectionString,
        ["MultiAgent:Membership:HeartbeatInterval"] = "00:00:00.200",
        ["MultiAgent:Membership:DeathTimeout"] = "00:00:02",
        ["MultiAgent:Membership:TableRefreshInterval"] = "00:00:00.200",
        ["MultiAgent:Storage:Default:Provider"] = "Redis",
        ["MultiAgent:Storage:Default:ConnectionString"] = _redis.ConnectionString,
        ["MultiAgent:Storage:Default:ServiceId"] = ClusterId,
        ["MultiAgent:Endpoints:SiloPort"] = "0",
        ["MultiAgent:Endpoints:GatewayPort"] = "0",
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()));
        await Table.DeleteClusterAsync(CancellationToken.None);
        await _connections.DisposeAsync();
    }
}
