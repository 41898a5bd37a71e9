using System.Collections.Concurrent;
using System.Net.Sockets;
using MultiAgent.Runtime.Messaging.Transport;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Messaging.Transport;

public sealed class PeerFailureTests
{
    [Fact]
    public async Task A_peer_reset_in_the_middle_of_a_frame_raises_Closed_with_a_reason_and_no_unobserved_exception()
    {
        var unobserved = new ConcurrentQueue<Exception>();
        void Record(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            if (e.Exception.ToString().Contains("Messaging.Transport", StringComparison.Ordinal))
            {
                unobserved.Enqueue(e.Exception);
            }
        }

        TaskScheduler.UnobservedTaskException += Record;
        try
        {
            await using (var transport = new LoopbackTransport())
            {
                var raw = await transport.ConnectRawAsync();
                await raw.SendAsync(RawFrames.Frame("dying"));
                await Eventually.AssertAsync(() => transport.Acceptor.HasAccepted("dying"), LoopbackTransport.Deadline, "the handshake is accepted");
                var connection = transport.Acceptor.ConnectionOf("dying");

                await raw.SendAsync((byte[])[.. RawFrames.Header(1000), .. new byte[10]]);
                raw.LingerState = new LingerOption(true, 0);
                raw.Close();

                var reason = await connection.Closed.WaitAsync(LoopbackTransport.Deadline);

                // Whether the reset overtakes the ten bytes is up to the kernel; either way the cause is named.
                Assert.Contains(reason.Kind, new[] { ConnectionCloseKind.PeerClosedMidFrame, ConnectionCloseKind.TransportError });
                Assert.Contains(connection.RemoteEndPoint!.ToString()!, reason.Description, StringComparison.Ordinal);
                Assert.Equal(reason, Assert.Single(transport.Acceptor.SinkOf("dying").CloseReasons));
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.Empty(unobserved);
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= Record;
        }
    }

    [Fact]
    public async Task A_peer_that_closes_mid_frame_is_reported_with_how_much_arrived()
    {
        await using var transport = new LoopbackTransport();
        var raw = await transport.ConnectRawAsync();
        await raw.SendAsync(RawFrames.Frame("half"));
        await Eventually.AssertAsync(() => transport.Acceptor.HasAccepted("half"), LoopbackTransport.Deadline, "the handshake is accepted");
        var connection = transport.Acceptor.ConnectionOf("half");

        await raw.SendAsync((byte[])[.. RawFrames.Header(1000), .. new byte[10]]);
        raw.Shutdown(SocketShutdown.Send);

        var reason = await connection.Closed.WaitAsync(LoopbackTransport.Deadline);
        Assert.Equal(ConnectionCloseKind.PeerClosedMidFrame, reason.Kind);
        Assert.Contains("10 of 1000 payload bytes", reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_learns_when_the_server_goes_away()
    {
        await using var transport = new LoopbackTransport();
        var (client, clientSink) = await transport.ConnectAsync("abandoned");

        await transport.Listener.DisposeAsync();

        var reason = await client.Closed.WaitAsync(LoopbackTransport.Deadline);
        Assert.Contains(reason.Kind, new[] { ConnectionCloseKind.PeerClosed, ConnectionCloseKind.TransportError });
        Assert.False(client.IsOpen);
        Assert.False(client.TrySend(Text.Bytes("too late")));
        Assert.Single(clientSink.CloseReasons);
    }
}
