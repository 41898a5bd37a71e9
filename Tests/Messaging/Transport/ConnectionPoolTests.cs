using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MultiAgent.Runtime.Messaging.Transport;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Messaging.Transport;

public sealed class ConnectionPoolTests
{
    [Fact]
    public async Task The_pool_reconnects_after_the_server_restarts_on_the_same_port()
    {
        var options = new TransportOptions { ConnectTimeout = TimeSpan.FromSeconds(10) };
        var first = new LoopbackTransport(options);
        var endpoint = first.EndPoint;
        await using var pool = NewPool(options);

        var before = await pool.GetConnectionAsync(endpoint);
        Assert.True(before.TrySend(Text.Bytes("before restart")));
        await Eventually.AssertAsync(() => first.Acceptor.AcceptedCount == 1 && first.Acceptor.Single().Sink.Count == 1, LoopbackTransport.Deadline, "the first server gets the frame");

        await first.DisposeAsync();
        await before.Closed.WaitAsync(LoopbackTransport.Deadline);

        var secondAcceptor = new TestAcceptor();
        await using var second = new RestartedListener(endpoint, secondAcceptor, options);
        var after = await pool.GetConnectionAsync(endpoint);
        Assert.NotSame(before, after);
        Assert.True(after.TrySend(Text.Bytes("after restart")));

        await Eventually.AssertAsync(() => secondAcceptor.AcceptedCount == 1 && secondAcceptor.Single().Sink.Count == 1, LoopbackTransport.Deadline, "the restarted server gets the next frame");
        Assert.Equal("pool-client", Text.Of(secondAcceptor.Single().Handshake));
        Assert.Equal("after restart", Text.Of(secondAcceptor.Single().Sink.Frames[0]));
    }

    [Fact]
    public async Task A_connect_while_the_server_is_down_retries_until_it_is_back()
    {
        var options = new TransportOptions { ConnectTimeout = TimeSpan.FromSeconds(10) };
        var first = new LoopbackTransport(options);
        var endpoint = first.EndPoint;
        var logs = new CapturingLoggerProvider();
        await using var pool = NewPool(options, logs);
        var before = await pool.GetConnectionAsync(endpoint);
        await first.DisposeAsync();
        await before.Closed.WaitAsync(LoopbackTransport.Deadline);

        // Nothing listens now: the attempt fails, backs off and tries again.
        var connecting = pool.GetConnectionAsync(endpoint).AsTask();
        await Eventually.AssertAsync(
            () => logs.Entries.Any(e => e.Message.Contains("retrying", StringComparison.Ordinal)),
            LoopbackTransport.Deadline,
            "the pool retries with back-off");
        Assert.False(connecting.IsCompleted);

        var acceptor = new TestAcceptor();
        await using var second = new RestartedListener(endpoint, acceptor, options);
        var after = await connecting.WaitAsync(LoopbackTransport.Deadline);
        Assert.True(after.TrySend(Text.Bytes("made it")));
        await Eventually.AssertAsync(() => acceptor.AcceptedCount == 1 && acceptor.Single().Sink.Count == 1, LoopbackTransport.Deadline, "the frame arrives");
    }

    [Fact]
    public async Task Connecting_to_a_closed_port_fails_within_the_connect_timeout_naming_the_endpoint()
    {
        var endpoint = UnusedEndPoint();
        var options = new TransportOptions { ConnectTimeout = TimeSpan.FromSeconds(1) };
        using var loggers = new CapturingLoggerProvider().CreateFactory();
        await using var pool = new ConnectionPool(new FrameSink(), options, loggers);

        var elapsed = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ConnectionFailedException>(async () => await pool.GetConnectionAsync(endpoint));
        elapsed.Stop();

        Assert.Equal(endpoint, error.RemoteEndPoint);
        Assert.Contains(endpoint.ToString(), error.Message, StringComparison.Ordinal);
        Assert.IsType<SocketException>(error.InnerException);
        // The deadline is the contract; the slack only absorbs a loaded test machine.
        Assert.True(elapsed.Elapsed < options.ConnectTimeout + TimeSpan.FromSeconds(2), $"failed after {elapsed.Elapsed}");
    }

    [Fact]
    public async Task Connections_are_opened_lazily_and_used_round_robin()
    {
        var options = new TransportOptions { ConnectionsPerEndpoint = 3 };
        await using var transport = new LoopbackTransport(options);
        await using var pool = NewPool(options);
        Assert.Empty(pool.GetOpenConnections(transport.EndPoint));

        await pool.GetConnectionAsync(transport.EndPoint);
        await Eventually.AssertAsync(
            async () => (await pool.GetConnectionAsync(transport.EndPoint)) is not null && pool.GetOpenConnections(transport.EndPoint).Count == 3,
            LoopbackTransport.Deadline,
            "every slot gets its connection");

        var uses = new Dictionary<FrameConnection, int>();
        for (var i = 0; i < 30; i++)
        {
            var connection = await pool.GetConnectionAsync(transport.EndPoint);
            uses[connection] = uses.GetValueOrDefault(connection) + 1;
        }

        Assert.Equal(3, uses.Count);
        Assert.All(uses.Values, count => Assert.Equal(10, count));
        await Eventually.AssertAsync(() => transport.Listener.ConnectionCount == 3, LoopbackTransport.Deadline, "the server sees exactly three connections");
    }

    [Fact]
    public async Task Concurrent_first_callers_share_one_connection_attempt()
    {
        var options = new TransportOptions();
        await using var transport = new LoopbackTransport(options);
        await using var pool = NewPool(options);

        var connections = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => pool.GetConnectionAsync(transport.EndPoint).AsTask()));

        Assert.Single(connections.Distinct());
        await Eventually.AssertAsync(() => transport.Acceptor.AcceptedCount == 1, LoopbackTransport.Deadline, "the server accepted one connection");
        Assert.Equal(1, transport.Listener.ConnectionCount);
    }

    [Fact]
    public async Task Closing_an_endpoint_drops_its_connections_and_the_next_call_opens_a_new_one()
    {
        var options = new TransportOptions();
        await using var transport = new LoopbackTransport(options);
        await using var pool = NewPool(options);
        var old = await pool.GetConnectionAsync(transport.EndPoint);

        await pool.CloseEndpointAsync(transport.EndPoint, "peer declared dead");

        var reason = await old.Closed.WaitAsync(LoopbackTransport.Deadline);
        Assert.Equal("peer declared dead", reason.Description);
        Assert.Empty(pool.GetOpenConnections(transport.EndPoint));
        var fresh = await pool.GetConnectionAsync(transport.EndPoint);
        Assert.NotSame(old, fresh);
        Assert.True(fresh.IsOpen);
    }

    [Fact]
    public async Task Closing_an_endpoint_fails_the_callers_still_waiting_to_connect_at_once()
    {
        // Nothing listens: the attempt would retry for the whole connect timeout.
        var options = new TransportOptions { ConnectTimeout = TimeSpan.FromSeconds(30) };
        await using var pool = NewPool(options);
        var endpoint = new IPEndPoint(IPAddress.Loopback, RedisServer.FreeLoopbackPort());
        var waiting = pool.GetConnectionAsync(endpoint).AsTask();
        Assert.False(waiting.IsCompleted);

        await pool.CloseEndpointAsync(endpoint, "peer declared dead");

        var error = await Assert.ThrowsAsync<ConnectionFailedException>(() => waiting.WaitAsync(LoopbackTransport.Deadline));
        Assert.Equal(endpoint, error.RemoteEndPoint);
        Assert.Contains("closed while connecting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_the_pool_closes_all_its_connections()
    {
        var options = new TransportOptions { ConnectionsPerEndpoint = 2 };
        await using var one = new LoopbackTransport(options);
        await using var two = new LoopbackTransport(options);
        var pool = NewPool(options);
        var connections = new List<FrameConnection>
        {
            await pool.GetConnectionAsync(one.EndPoint),
            await pool.GetConnectionAsync(two.EndPoint),
        };

        await pool.DisposeAsync();

        foreach (var connection in connections)
        {
            Assert.Equal(ConnectionCloseKind.LocalClose, (await connection.Closed.WaitAsync(LoopbackTransport.Deadline)).Kind);
        }

        await Eventually.AssertAsync(() => one.Listener.ConnectionCount == 0 && two.Listener.ConnectionCount == 0, LoopbackTransport.Deadline, "the servers see the connections go");
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pool.GetConnectionAsync(one.EndPoint));
    }

    /// <summary>A pool with loggers of its own (servers come and go in these tests) that sends a handshake on every new connection.</summary>
    private static ConnectionPool NewPool(TransportOptions options, CapturingLoggerProvider? logs = null) =>
        new(new FrameSink(), options, (logs ?? new CapturingLoggerProvider()).CreateFactory(), onConnected: (connection, _) =>
        {
            connection.TrySend(Text.Bytes("pool-client"));
            return ValueTask.CompletedTask;
        });

    private static IPEndPoint UnusedEndPoint()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (IPEndPoint)probe.LocalEndPoint!;
    }

    /// <summary>A second server on a port a previous one used.</summary>
    private sealed class RestartedListener : IAsyncDisposable
    {
        private readonly Microsoft.Extensions.Logging.ILoggerFactory _loggers = new CapturingLoggerProvider().CreateFactory();
        private readonly FrameListener _listener;

        public RestartedListener(IPEndPoint endpoint, TestAcceptor acceptor, TransportOptions options)
        {
            _listener = new FrameListener(endpoint, acceptor, options, _loggers);
            _listener.Start();
        }

        public async ValueTask DisposeAsync()
        {
            await _listener.DisposeAsync();
            _loggers.Dispose();
        }
    }
}
