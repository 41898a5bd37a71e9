using MultiAgent.Runtime.Messaging.Transport;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Messaging.Transport;

public sealed class CloseTests
{
    [Fact]
    public async Task A_graceful_close_sends_everything_queued_before_shutting_down()
    {
        await using var transport = new LoopbackTransport();
        var (client, _) = await transport.ConnectAsync("drain");
        var sink = transport.Acceptor.SinkOf("drain");
        var server = transport.Acceptor.ConnectionOf("drain");

        for (var i = 0; i < 2_000; i++)
        {
            Assert.True(client.TrySend(FrameRoundTripTests.Payload(1_000, seed: i)));
        }

        await client.CloseAsync("done sending", CancellationToken.None);

        var clientReason = await client.Closed;
        Assert.Equal(ConnectionCloseKind.LocalClose, clientReason.Kind);
        Assert.Equal("done sending", clientReason.Description);
        var serverReason = await server.Closed.WaitAsync(LoopbackTransport.Deadline);
        Assert.Equal(ConnectionCloseKind.PeerClosed, serverReason.Kind);
        Assert.Equal(2_000, sink.Count);
        Assert.Equal(FrameRoundTripTests.Payload(1_000, seed: 1_999), sink.Frames[^1]);
    }

    [Fact]
    public async Task After_close_begins_no_frame_is_accepted()
    {
        await using var transport = new LoopbackTransport();
        var (client, _) = await transport.ConnectAsync("closing");

        client.Close("going away");

        Assert.False(client.IsOpen);
        Assert.False(client.TrySend(Text.Bytes("late")));
        Assert.False(await client.SendAsync(Text.Bytes("late"), CancellationToken.None));
        Assert.Equal(ConnectionCloseKind.LocalClose, (await client.Closed.WaitAsync(LoopbackTransport.Deadline)).Kind);
    }

    [Fact]
    public async Task An_abort_closes_at_once_and_the_peer_sees_it()
    {
        await using var transport = new LoopbackTransport();
        var (client, clientSink) = await transport.ConnectAsync("abort");
        var server = transport.Acceptor.ConnectionOf("abort");

        client.Abort("test abort");

        var reason = await client.Closed.WaitAsync(LoopbackTransport.Deadline);
        Assert.Equal(ConnectionCloseKind.LocalAbort, reason.Kind);
        Assert.Equal(reason, Assert.Single(clientSink.CloseReasons));
        var serverReason = await server.Closed.WaitAsync(LoopbackTransport.Deadline);
        Assert.Contains(serverReason.Kind, new[] { ConnectionCloseKind.PeerClosed, ConnectionCloseKind.TransportError });
    }

    [Fact]
    public async Task A_cancelled_graceful_close_aborts()
    {
        await using var transport = new LoopbackTransport();
        var (client, _) = await transport.ConnectAsync("impatient");

        // Enough queued that the drain is still running when the cancelled token is looked at.
        var megabyte = new byte[1024 * 1024];
        for (var i = 0; i < 32; i++)
        {
            Assert.True(client.TrySend(megabyte));
        }

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CloseAsync("impatient", cancelled.Token));

        var reason = await client.Closed.WaitAsync(LoopbackTransport.Deadline);
        Assert.Equal(ConnectionCloseKind.LocalClose, reason.Kind);
        Assert.False(client.IsOpen);
    }
}
