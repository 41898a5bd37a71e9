using MultiAgent.Tests.Infrastructure;
using System.Buffers;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Messaging.Serialization;
using MultiAgent.Runtime.Metadata;

namespace MultiAgent.Tests.Messaging.Serialization;

/// <summary>Whatever arrives, decoding ends in a message or a <see cref="MessageFormatException"/>: never another exception, never a hang.</summary>
public sealed class MalformedFrameTests
{
    private static readonly GrainId Target = new("codecprobe", "probe-1");

    private readonly CodecHarness _sender = new();
    private readonly CodecHarness _receiver = new();

    [Fact]
    public void An_unknown_method_is_refused_with_an_error_naming_interface_and_method()
    {
        var stranger = new CodecHarness(new GrainTypeManifest());
        var frame = _sender.Encode(FullRequest());

        var error = Assert.Throws<UnknownMethodException>(() => stranger.Decode(frame));

        Assert.Contains(typeof(ICodecProbeGrain).FullName!, error.Message);
        Assert.Contains("Describe(", error.Message);
        Assert.Equal(typeof(ICodecProbeGrain).FullName, error.InterfaceName);
        Assert.StartsWith("Describe(", error.MethodId);
        Assert.Equal(99, error.MessageId);
        Assert.Equal(Target, error.Target);
        Assert.True(error.CanReply);
    }

    [Fact]
    public void The_error_of_an_undecodable_request_becomes_a_rejection_the_caller_can_match()
    {
        var stranger = new CodecHarness(new GrainTypeManifest());
        var error = Assert.Throws<UnknownMethodException>(() => stranger.Decode(_sender.Encode(FullRequest())));

        var rejection = _sender.RoundTrip(WireMessage.ForRejection(error, RejectionKind.Unrecoverable));

        Assert.Equal(99, rejection.Id);
        Assert.Equal(ResponseKind.Rejection, rejection.ResponseKind);
        Assert.Equal(RejectionKind.Unrecoverable, rejection.RejectionKind);
        Assert.Contains("Describe(", rejection.RejectionMessage);
    }

    [Fact]
    public void A_grain_reference_to_an_unknown_interface_is_a_format_error_naming_it()
    {
        var frame = _sender.EncodeValue(_sender.Grains.GetGrain<ICodecPeerGrain>(1));
        var renamed = Replace(frame, "ICodecPeerGrain", "ICodecPeerGraiX");

        var error = Assert.Throws<MessageFormatException>(() => _receiver.DecodeValue<ICodecPeerGrain>(renamed));

        Assert.Contains("ICodecPeerGraiX", error.Message);
    }

    [Fact]
    public void A_frame_cut_at_every_byte_offset_is_a_format_error()
    {
        foreach (var frame in ValidFrames())
        {
            Assert.Equal(frame.Message, _receiver.Decode(frame.Bytes).ToString());
            for (var length = 0; length < frame.Bytes.Length; length++)
            {
                var cut = frame.Bytes.AsSpan(0, length).ToArray();
                var error = Record.Exception(() => _receiver.Decode(cut));
                Assert.True(error is MessageFormatException, $"{frame.Message} cut to {length} of {frame.Bytes.Length} bytes: {error?.GetType().Name ?? "no exception"} {error?.Message}");
            }
        }
    }

    [Fact]
    public void An_empty_frame_is_a_format_error()
    {
        Assert.Throws<MessageFormatException>(() => _receiver.Codec.Read(default));
        Assert.Throws<MessageFormatException>(() => _receiver.Codec.Read(ReadOnlySequence<byte>.Empty));
    }

    [Fact]
    public void A_cut_frame_split_across_segments_is_a_format_error_too()
    {
        var frame = _sender.Encode(FullRequest());
        for (var length = 0; length < frame.Length; length++)
        {
            var cut = frame.AsSpan(0, length).ToArray();
            Assert.ThrowsAny<MessageFormatException>(() => _receiver.Codec.Read(Segments.Split(cut, segmentLength: 5)));
        }
    }

    [Fact]
    public void A_value_with_trailing_bytes_is_a_format_error()
    {
        Assert.Throws<MessageFormatException>(() => _receiver.DecodeValue<int>([2, 0]));
    }

    [Fact]
    public void A_length_beyond_the_frame_is_refused_before_anything_is_allocated()
    {
        // A string claiming about 2^62 bytes, in a 10-byte frame.
        byte[] frame = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F];

        var error = Assert.Throws<MessageFormatException>(() => _receiver.DecodeValue<string>(frame));

        Assert.Contains("exceeds", error.Message);
    }

    [Fact]
    public void A_frame_with_trailing_bytes_is_a_format_error()
    {
        var frame = _sender.Encode(FullRequest());

        var error = Assert.Throws<MessageFormatException>(() => _receiver.Decode([.. frame, 0]));

        Assert.Contains("unread", error.Message);
        Assert.Equal(99, error.MessageId);
    }

    [Fact]
    public void An_unknown_version_is_a_format_error_naming_it()
    {
        var frame = _sender.Encode(FullRequest());
        frame[0] = 2;

        var error = Assert.Throws<MessageFormatException>(() => _receiver.Decode(frame));

        Assert.Contains("version 2", error.Message);
        Assert.False(error.CanReply);
    }

    [Fact]
    public async Task Random_garbage_never_hangs_and_fails_only_with_a_format_error()
    {
        await Task.Run(() =>
        {
            var random = new Random(20250101);
            for (var i = 0; i < 10_000; i++)
            {
                var garbage = new byte[random.Next(0, 200)];
                random.NextBytes(garbage);
                if (garbage.Length > 2 && i % 2 == 0)
                {
                    // Get past the version and flag checks half of the time, to reach the deeper readers.
                    garbage[0] = 1;
                    garbage[1] &= 0x7E;
                }

                AssertDecodesOrFailsCleanly(garbage, $"buffer {i}");
            }
        }).WaitAsync(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Valid_frames_with_random_bytes_changed_decode_or_fail_only_with_a_format_error()
    {
        var frames = ValidFrames();
        await Task.Run(() =>
        {
            var random = new Random(7);
            for (var i = 0; i < 10_000; i++)
            {
                var frame = (byte[])frames[i % frames.Count].Bytes.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    frame[random.Next(frame.Length)] = (byte)random.Next(256);
                }

                AssertDecodesOrFailsCleanly(frame, $"mutation {i} of {frames[i % frames.Count].Message}");
            }
        }).WaitAsync(TimeSpan.FromMinutes(1));
    }

    private void AssertDecodesOrFailsCleanly(byte[] frame, string what)
    {
        try
        {
            _receiver.Decode(frame);
        }
        catch (MessageFormatException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"{what} ({Convert.ToHexString(frame)}) threw {e.GetType().FullName}: {e}");
        }
    }

    private List<(string Message, byte[] Bytes)> ValidFrames()
    {
        var probe = _sender.Grains.GetGrain<ICodecProbeGrain>("probe-1");
        var shipment = new ProbeShipment("S", ["a", "b"], new() { ["a"] = 1 }, ProbeColor.Blue, _sender.Grains.GetGrain<ICodecPeerGrain>(2));
        var echo = WireMessage.ForRequest(5, Target, _sender.Runtime.Capture(() => probe.Echo(shipment)));
        var forward = WireMessage.ForRequest(6, Target, _sender.Runtime.Capture(() => probe.Forward(probe, _sender.Grains.GetGrain<ICodecPeerGrain>(3), Target)));
        var sum = WireMessage.ForRequest(7, Target, _sender.Runtime.Capture(() => probe.Sum([1, 2], new() { ["w"] = 1.5 }, TimeSpan.FromSeconds(1)).AsTask()));
        var received = _receiver.RoundTrip(echo);

        var messages = new[]
        {
            FullRequest(),
            echo,
            forward,
            sum,
            WireMessage.ForResult(received, shipment),
            WireMessage.ForException(received, new InvalidOperationException("boom", new ArgumentException("cause"))),
            WireMessage.ForRejection(received, RejectionKind.NotOwner, "moved"),
        };
        return messages.Select(m => (m.ToString(), _sender.Encode(m))).ToList();
    }

    private WireMessage FullRequest()
    {
        var probe = _sender.Grains.GetGrain<ICodecProbeGrain>("probe-1");
        var request = _sender.Runtime.Capture(() => probe.Describe(int.MinValue, "text", Guid.NewGuid(), DateTimeOffset.UtcNow, ProbeColor.Green, 3, [9, 8], 1.5m));
        var message = WireMessage.ForRequest(99, Target, request, deadlineUnixMs: 1_754_000_000_000);
        message.CallerGrain = new GrainId("codecpeer", "1");
        message.CallerSilo = "silo-a";
        message.TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        message.TraceState = "k=v";
        return message;
    }

    private static byte[] Replace(byte[] bytes, string from, string to)
    {
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        Assert.Contains(from, text);
        return System.Text.Encoding.Latin1.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }
}
