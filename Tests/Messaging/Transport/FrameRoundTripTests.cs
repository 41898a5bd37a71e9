using MultiAgent.Runtime.Messaging.Transport;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Messaging.Transport;

public sealed class FrameRoundTripTests
{
    [Fact]
    public async Task Frames_of_0_1_100KB_and_1MB_arrive_intact_and_in_order()
    {
        await using var transport = new LoopbackTransport();
        var (client, _) = await transport.ConnectAsync("sizes");
        var sink = transport.Acceptor.SinkOf("sizes");

        // Twice round, so large frames also start in the middle of a pipe segment.
        int[] sizes = [0, 1, 100 * 1024, 1024 * 1024, 0, 1, 100 * 1024, 1024 * 1024, 7];
        var sent = sizes.Select((size, i) => Payload(size, seed: i)).ToArray();
        foreach (var payload in sent)
        {
            Assert.True(client.TrySend(payload));
        }

        await Eventually.AssertAsync(() => sink.Count == sent.Length, LoopbackTransport.Deadline, "every frame arrives");
        var received = sink.Frames;
        for (var i = 0; i < sent.Length; i++)
        {
            Assert.True(sent[i].AsSpan().SequenceEqual(received[i]), $"frame {i} ({sent[i].Length} bytes) arrives unchanged");
        }
    }

    [Fact]
    public async Task A_writer_callback_encodes_straight_into_the_connection()
    {
        await using var transport = new LoopbackTransport();
        var (client, _) = await transport.ConnectAsync("writer");
        var sink = transport.Acceptor.SinkOf("writer");

        Assert.True(client.TrySend(new CountingWriter(0)));
        Assert.True(client.TrySend(new CountingWriter(5)));
        Assert.True(client.TrySend(new CountingWriter(200_000)));

        await Eventually.AssertAsync(() => sink.Count == 3, LoopbackTransport.Deadline, "all three frames arrive");
        Assert.Equal([0, 5, 200_000], sink.Frames.Select(f => f.Length));
        Assert.Equal(new CountingWriter(200_000).ToArray(), sink.Frames[2]);
    }

    [Fact]
    public async Task A_writer_that_throws_queues_nothing_and_the_connection_goes_on()
    {
        await using var transport = new LoopbackTransport();
        var (client, _) = await transport.ConnectAsync("throwing writer");
        var sink = transport.Acceptor.SinkOf("throwing writer");

        Assert.Throws<InvalidOperationException>(() => client.TrySend(new ThrowingWriter()));
        Assert.True(client.TrySend(Text.Bytes("after")));

        await Eventually.AssertAsync(() => sink.Count == 1, LoopbackTransport.Deadline, "the next frame arrives");
        Assert.Equal("after", Text.Of(sink.Frames[0]));
        Assert.True(client.IsOpen);
    }

    [Fact]
    public async Task Replies_come_back_over_the_same_connection()
    {
        var acceptor = new TestAcceptor
        {
            CreateSink = () => new FrameSink { OnEach = (connection, frame) => connection.TrySend(frame.Reverse().ToArray()) },
        };
        await using var transport = new LoopbackTransport(acceptor: acceptor);
        var (client, clientSink) = await transport.ConnectAsync("echo");

        for (var i = 0; i < 100; i++)
        {
            Assert.True(client.TrySend(Text.Bytes($"ping {i}")));
        }

        await Eventually.AssertAsync(() => clientSink.Count == 100, LoopbackTransport.Deadline, "every reply arrives");
        Assert.Equal(Enumerable.Range(0, 100).Select(i => new string($"ping {i}".Reverse().ToArray())), clientSink.Frames.Select(Text.Of));
    }

    [Fact]
    public async Task SendAsync_waits_for_the_queue_to_drain_and_loses_nothing()
    {
        var options = new TransportOptions { SendPauseThreshold = 64 * 1024, SendResumeThreshold = 16 * 1024 };
        await using var transport = new LoopbackTransport(options);
        var (client, _) = await transport.ConnectAsync("bulk");
        var sink = transport.Acceptor.SinkOf("bulk");

        for (var i = 0; i < 500; i++)
        {
            Assert.True(await client.SendAsync(Payload(10_000, seed: i), CancellationToken.None));
            Assert.True(client.PendingSendBytes <= options.SendPauseThreshold + 10_000 + 4, "SendAsync keeps the queue near the pause threshold");
        }

        await Eventually.AssertAsync(() => sink.Count == 500, LoopbackTransport.Deadline, "every frame arrives");
        Assert.Equal(Payload(10_000, seed: 499), sink.Frames[499]);
    }

    [Fact]
    public async Task A_payload_over_the_maximum_frame_size_is_refused_by_the_sender()
    {
        await using var transport = new LoopbackTransport(new TransportOptions { MaxFrameSize = 1000 });
        var (client, _) = await transport.ConnectAsync("limit");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => client.TrySend(new byte[1001]));
        Assert.Contains("MaxFrameSize", error.Message, StringComparison.Ordinal);
        Assert.True(client.TrySend(new byte[1000]));
    }

    internal static byte[] Payload(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private readonly struct CountingWriter(int length) : IFrameWriter
    {
        public int PayloadLength => length;

        public void Write(Span<byte> destination)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = (byte)(i * 7);
            }
        }

        public byte[] ToArray()
        {
            var bytes = new byte[length];
            Write(bytes);
            return bytes;
        }
    }

    private readonly struct ThrowingWriter : IFrameWriter
    {
        public int PayloadLength => 100;

        public void Write(Span<byte> destination)
        {
            destination[..50].Fill(0xAB);
            throw new InvalidOperationException("encoding failed half way");
        }
    }
}
