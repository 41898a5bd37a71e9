using System.Net;
using Microsoft.Extensions.Logging;
using MultiAgent.Runtime.Messaging.Transport;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Messaging.Transport;

public sealed class FrameListenerTests
{
    [Fact]
    public async Task Port_zero_binds_a_free_port_and_exposes_it()
    {
        await using var transport = new LoopbackTransport();

        Assert.Equal(IPAddress.Loopback, transport.EndPoint.Address);
        Assert.NotEqual(0, transport.EndPoint.Port);
    }

    [Fact]
    public async Task A_taken_port_fails_with_an_error_naming_the_endpoint()
    {
        await using var transport = new LoopbackTransport();
        using var loggers = new CapturingLoggerProvider().CreateFactory();
        await using var second = new FrameListener(transport.EndPoint, new TestAcceptor(), new TransportOptions(), loggers);

        var error = Assert.Throws<IOException>(second.Start);
        Assert.Contains(transport.EndPoint.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_frame_goes_to_the_handshake_and_later_frames_to_the_handler_it_returns()
    {
        await using var transport = new LoopbackTransport();
        var (client, _) = await transport.ConnectAsync("I am silo-1");
        Assert.True(client.TrySend(Text.Bytes("first real frame")));

        var (_, handshake, sink) = transport.Acceptor.Single();
        Assert.Equal("I am silo-1", Text.Of(handshake));
        await Eventually.AssertAsync(() => sink.Count == 1, LoopbackTransport.Deadline, "the next frame reaches the handler");
        Assert.Equal("first real frame", Text.Of(sink.Frames[0]));
    }

    [Fact]
    public async Task A_refused_handshake_closes_the_connection()
    {
        var acceptor = new TestAcceptor { RefuseHandshake = "stranger" };
        await using var transport = new LoopbackTransport(acceptor: acceptor);
        var client = await FrameConnection.ConnectAsync(
            transport.EndPoint, new FrameSink(), transport.Options, transport.LoggerFactory.CreateLogger<FrameConnection>(), CancellationToken.None);

        Assert.True(client.TrySend(Text.Bytes("stranger")));

        var reason = await client.Closed.WaitAsync(LoopbackTransport.Deadline);
        Assert.Equal(ConnectionCloseKind.PeerClosed, reason.Kind);
        Assert.Equal(0, acceptor.AcceptedCount);
    }

    [Fact]
    public async Task A_connection_that_sends_no_handshake_is_closed_after_the_timeout()
    {
        await using var transport = new LoopbackTransport(new TransportOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(200) });
        var raw = await transport.ConnectRawAsync();

        await Eventually.AssertAsync(() => transport.Acceptor.Connected.Count == 1, LoopbackTransport.Deadline, "the connection is accepted");
        var reason = await transport.Acceptor.Connected.Single().Closed.WaitAsync(LoopbackTransport.Deadline);
        Assert.Equal(ConnectionCloseKind.LocalAbort, reason.Kind);
        Assert.Contains("handshake", reason.Description, StringComparison.Ordinal);
        await Eventually.AssertAsync(() => transport.Listener.ConnectionCount == 0, LoopbackTransport.Deadline, "the listener forgets it");
    }

    [Fact]
    public async Task Stopping_closes_accepted_connections_gracefully()
    {
        var transport = new LoopbackTransport();
        var (first, _) = await transport.ConnectAsync("one");
        var (second, _) = await transport.ConnectAsync("two");
        Assert.Equal(2, transport.Listener.ConnectionCount);

        await transport.Listener.StopAsync(CancellationToken.None);

        Assert.Equal(ConnectionCloseKind.PeerClosed, (await first.Closed.WaitAsync(LoopbackTransport.Deadline)).Kind);
        Assert.Equal(ConnectionCloseKind.PeerClosed, (await second.Closed.WaitAsync(LoopbackTransport.Deadline)).Kind);
        Assert.Equal(0, transport.Listener.ConnectionCount);
        await transport.DisposeAsync();
    }
}
