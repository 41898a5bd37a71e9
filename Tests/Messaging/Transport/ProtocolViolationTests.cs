using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MultiAgent.Runtime.Messaging.Transport;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Messaging.Transport;

public sealed class ProtocolViolationTests
{
    [Fact]
    public async Task An_oversized_frame_closes_only_that_connection_and_is_logged_with_the_remote_endpoint()
    {
        await using var transport = new LoopbackTransport(new TransportOptions { MaxFrameSize = 64 * 1024 });
        var (good, _) = await transport.ConnectAsync("good");
        var goodSink = transport.Acceptor.SinkOf("good");
        Assert.True(good.TrySend(Text.Bytes("before")));

        var raw = await transport.ConnectRawAsync();
        await raw.SendAsync(RawFrames.Frame("bad"));
        await Eventually.AssertAsync(() => transport.Acceptor.HasAccepted("bad"), LoopbackTransport.Deadline, "the raw peer's handshake is accepted");
        var bad = transport.Acceptor.ConnectionOf("bad");
        await raw.SendAsync(RawFrames.Header(64 * 1024 + 1));

        var reason = await bad.Closed.WaitAsync(LoopbackTransport.Deadline);
        Assert.Equal(ConnectionCloseKind.ProtocolViolation, reason.Kind);
        Assert.Contains(raw.LocalEndPoint!.ToString()!, reason.Description, StringComparison.Ordinal);

        var logged = Assert.Single(transport.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Protocol violation", StringComparison.Ordinal));
        Assert.Equal(raw.LocalEndPoint, logged["RemoteEndPoint"]);
        Assert.Equal(64 * 1024 + 1, logged["FrameLength"]);
        Assert.Contains(raw.LocalEndPoint!.ToString()!, logged.Message, StringComparison.Ordinal);

        await AssertPeerSeesEndOfStreamAsync(raw);

        Assert.True(good.TrySend(Text.Bytes("after")));
        await Eventually.AssertAsync(() => goodSink.Count == 2, LoopbackTransport.Deadline, "the well-behaved connection keeps working");
        Assert.Equal(["before", "after"], goodSink.Frames.Select(Text.Of));
        Assert.True(good.IsOpen);
    }

    [Fact]
    public async Task Garbage_instead_of_a_frame_closes_only_that_connection()
    {
        await using var transport = new LoopbackTransport();
        var raw = await transport.ConnectRawAsync();

        // 0xFFFFFFFF reads as length -1.
        await raw.SendAsync(Enumerable.Repeat((byte)0xFF, 32).ToArray());

        await Eventually.AssertAsync(() => transport.Acceptor.Connected.Count == 1, LoopbackTransport.Deadline, "the raw connection is accepted");
        var garbage = transport.Acceptor.Connected.Single();
        var reason = await garbage.Closed.WaitAsync(LoopbackTransport.Deadline);
        Assert.Equal(ConnectionCloseKind.ProtocolViolation, reason.Kind);
        Assert.Contains(transport.Logs.Entries, e => e.Level == LogLevel.Warning && Equals(e["RemoteEndPoint"], raw.LocalEndPoint) && Equals(e["FrameLength"], -1));

        var (good, _) = await transport.ConnectAsync("good after garbage");
        Assert.True(good.TrySend(Text.Bytes("still serving")));
        var sink = transport.Acceptor.SinkOf("good after garbage");
        await Eventually.AssertAsync(() => sink.Count == 1, LoopbackTransport.Deadline, "a new connection is served");
    }

    [Fact]
    public async Task A_handler_that_throws_is_logged_and_the_connection_goes_on()
    {
        var acceptor = new TestAcceptor
        {
            CreateSink = () => new FrameSink
            {
                OnEach = (_, frame) =>
                {
                    if (Text.Of(frame) == "boom")
                    {
                        throw new InvalidOperationException("the handler failed on purpose");
                    }
                },
            },
        };
        await using var transport = new LoopbackTransport(acceptor: acceptor);
        var (client, _) = await transport.ConnectAsync("throwing handler");
        var sink = acceptor.SinkOf("throwing handler");

        Assert.True(client.TrySend(Text.Bytes("one")));
        Assert.True(client.TrySend(Text.Bytes("boom")));
        Assert.True(client.TrySend(Text.Bytes("two")));

        await Eventually.AssertAsync(() => sink.Count == 3, LoopbackTransport.Deadline, "frames after the failing one still arrive");
        Assert.True(acceptor.ConnectionOf("throwing handler").IsOpen);
        var logged = Assert.Single(transport.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.IsType<InvalidOperationException>(logged.Exception);
    }

    [Fact]
    public async Task A_handler_that_judges_a_frame_fatal_closes_the_connection()
    {
        var acceptor = new TestAcceptor
        {
            CreateSink = () => new FrameSink
            {
                OnEach = (connection, frame) =>
                {
                    if (Text.Of(frame) == "fatal")
                    {
                        connection.Close("unknown method");
                    }
                },
            },
        };
        await using var transport = new LoopbackTransport(acceptor: acceptor);
        var (client, _) = await transport.ConnectAsync("judged");
        var sink = acceptor.SinkOf("judged");

        Assert.True(client.TrySend(Text.Bytes("fatal")));
        Assert.True(client.TrySend(Text.Bytes("ignored")));

        var serverReason = await acceptor.ConnectionOf("judged").Closed.WaitAsync(LoopbackTransport.Deadline);
        Assert.Equal(ConnectionCloseKind.LocalClose, serverReason.Kind);
        Assert.Equal("unknown method", serverReason.Description);
        var clientReason = await client.Closed.WaitAsync(LoopbackTransport.Deadline);
        Assert.Equal(ConnectionCloseKind.PeerClosed, clientReason.Kind);
        Assert.Equal(["fatal"], sink.Frames.Select(Text.Of));
    }

    private static async Task AssertPeerSeesEndOfStreamAsync(Socket raw)
    {
        var buffer = new byte[16];
        try
        {
            using var timeout = new CancellationTokenSource(LoopbackTransport.Deadline);
            Assert.Equal(0, await raw.ReceiveAsync(buffer, SocketFlags.None, timeout.Token));
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            // An abortive close: also the end.
        }
    }
}
