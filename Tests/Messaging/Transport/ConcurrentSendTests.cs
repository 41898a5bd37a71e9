using System.Buffers.Binary;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Messaging.Transport;

public sealed class ConcurrentSendTests
{
    private const int Senders = 8;
    private const int FramesPerSender = 5_000;

    [Fact]
    public async Task Eight_concurrent_senders_lose_nothing_and_keep_their_own_order()
    {
        await using var transport = new LoopbackTransport();
        var (client, _) = await transport.ConnectAsync("concurrent");
        var sink = transport.Acceptor.SinkOf("concurrent");

        using var start = new ManualResetEventSlim();
        var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(() =>
        {
            start.Wait();
            Span<byte> payload = stackalloc byte[16];
            for (var sequence = 0; sequence < FramesPerSender; sequence++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(payload, sender);
                BinaryPrimitives.WriteInt32LittleEndian(payload[4..], sequence);
                Assert.True(client.TrySend(payload));
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(senders);

        await Eventually.AssertAsync(() => sink.Count == Senders * FramesPerSender, LoopbackTransport.Deadline, "every frame arrives");
        var next = new int[Senders];
        foreach (var frame in sink.Frames)
        {
            var sender = BinaryPrimitives.ReadInt32LittleEndian(frame);
            var sequence = BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(4));
            Assert.Equal(next[sender], sequence);
            next[sender]++;
        }

        Assert.All(next, count => Assert.Equal(FramesPerSender, count));
        Assert.Equal(Senders * FramesPerSender + 1, client.FramesSent);
    }
}
