using MultiAgent.Runtime.Testing;

namespace MultiAgent.Tests.Infrastructure;

/// <summary>
/// A real redis-server (<see cref="RedisServerProcess"/>) as an xunit fixture. As the "redis" collection fixture one
/// server serves many test classes (they keep apart by unique keys); start extra instances with <see cref="StartAsync"/>.
/// </summary>
public sealed class RedisServer : IAsyncLifetime, IAsyncDisposable
{
    private RedisServerProcess? _server;

    /// <summary>Not started yet: xunit starts it through IAsyncLifetime; elsewhere use <see cref="StartAsync"/>.</summary>
    public RedisServer()
    {
    }

    public int Port => _server?.Port ?? throw new InvalidOperationException("redis-server has not been started.");

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts a server on <paramref name="port"/>, or on a free port when null, and waits until it answers PING.</summary>
    public static async Task<RedisServer> StartAsync(int? port = null, CancellationToken cancellationToken = default)
    {
        var server = new RedisServer();
        await server.StartCoreAsync(port, cancellationToken);
        return server;
    }

    Task IAsyncLifetime.InitializeAsync() => StartCoreAsync(port: null, CancellationToken.None);

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>A loopback port nothing listens on (at the moment of the call).</summary>
    public static int FreeLoopbackPort() => RedisServerProcess.FreeLoopbackPort();

    public async ValueTask DisposeAsync()
    {
        var server = _server;
        _server = null;
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    private async Task StartCoreAsync(int? port, CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            throw new InvalidOperationException("redis-server is already running.");
        }

        _server = await RedisServerProcess.StartAsync(new RedisServerOptions { Port = port }, cancellationToken);
    }
}
