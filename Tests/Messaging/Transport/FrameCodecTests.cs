using MultiAgent.Tests.Infrastructure;
using System.Buffers;
using MultiAgent.Runtime.Messaging.Transport;

namespace MultiAgent.Tests.Messaging.Transport;

public sealed class FrameCodecTests
{
    [Fact]
    public void A_frame_whose_header_straddles_segments_is_read()
    {
        var wire = RawFrames.Frame("hello");
        var buffer = Segmented(wire, splitAt: [2, 5]);

        Assert.Equal(FrameReadStatus.Frame, FrameCodec.TryReadFrame(ref buffer, 100, out var payload, out var length));
        Assert.Equal(5, length);
        Assert.Equal("hello", Text.Of(payload.ToArray()));
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void An_incomplete_frame_leaves_the_buffer_untouched()
    {
        var wire = RawFrames.Frame("hello")[..7];
        var buffer = new ReadOnlySequence<byte>(wire);

        Assert.Equal(FrameReadStatus.Incomplete, FrameCodec.TryReadFrame(ref buffer, 100, out _, out _));
        Assert.Equal(7, buffer.Length);
    }

    [Theory]
    [InlineData(101)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void A_length_outside_the_limit_is_malformed(int announced)
    {
        var buffer = new ReadOnlySequence<byte>(RawFrames.Header(announced));

        Assert.Equal(FrameReadStatus.Malformed, FrameCodec.TryReadFrame(ref buffer, 100, out _, out var length));
        Assert.Equal(announced, length);
    }

    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int[] splitAt) => Segments.SplitAt(bytes, splitAt);
}
