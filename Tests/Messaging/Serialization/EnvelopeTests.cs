using MultiAgent.Tests.Infrastructure;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Messaging.Serialization;

namespace MultiAgent.Tests.Messaging.Serialization;

public sealed class EnvelopeTests
{
    private readonly CodecHarness _sender = new();
    private readonly CodecHarness _receiver = new();

    private static readonly GrainId Target = new("codecprobe", "probe-1");

    [Fact]
    public void A_request_with_every_envelope_field_set_round_trips()
    {
        var message = FullRequest();

        var read = _receiver.RoundTrip(message);

        Assert.Equal(message.Id, read.Id);
        Assert.Equal(MessageDirection.Request, read.Direction);
        Assert.Equal(Target, read.Target);
        Assert.Equal(message.InterfaceName, read.InterfaceName);
        Assert.Equal(message.MethodId, read.MethodId);
        Assert.Equal(message.DeadlineUnixMs, read.DeadlineUnixMs);
        Assert.Equal(message.CallerGrain, read.CallerGrain);
        Assert.Equal("silo-10.0.0.7:11111@123", read.CallerSilo);
        Assert.Equal(message.TraceParent, read.TraceParent);
        Assert.Equal("vendor=opaque,other=1", read.TraceState);
    }

    [Fact]
    public void A_request_with_every_optional_field_unset_round_trips_and_stays_small()
    {
        var request = _sender.Runtime.Capture(() => _sender.Grains.GetGrain<ICodecProbeGrain>("probe-1").Ping());
        var message = WireMessage.ForRequest(0, Target, request);

        var bytes = _sender.Encode(message);
        var read = _receiver.Decode(bytes);

        Assert.Equal(0, read.Id);
        Assert.Equal(0, read.DeadlineUnixMs);
        Assert.Null(read.CallerGrain);
        Assert.Null(read.CallerSilo);
        Assert.Null(read.TraceParent);
        Assert.Null(read.TraceState);
        var fixedPart = 1 + 1 + 1 + (1 + "codecprobe".Length) + (1 + "probe-1".Length);
        Assert.Equal(fixedPart + 1 + message.InterfaceName.Length + 1 + message.MethodId.Length, bytes.Length);
    }

    [Fact]
    public void Large_ids_and_far_deadlines_round_trip()
    {
        foreach (var (id, deadline) in new[] { (long.MaxValue, long.MaxValue), (-1L, 1L), (long.MinValue, DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()) })
        {
            var message = FullRequest();
            message.Id = id;
            message.DeadlineUnixMs = deadline;

            var read = _receiver.RoundTrip(message);

            Assert.Equal(id, read.Id);
            Assert.Equal(deadline, read.DeadlineUnixMs);
        }
    }

    [Fact]
    public void Each_optional_field_round_trips_on_its_own()
    {
        var variants = new Action<WireMessage>[]
        {
            m => m.DeadlineUnixMs = 1_700_000_000_000,
            m => m.CallerGrain = new GrainId("codecpeer", "3"),
            m => m.CallerSilo = "s",
            m => m.TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            m => m.TraceState = string.Empty,
        };
        foreach (var set in variants)
        {
            var message = MinimalRequest();
            set(message);

            var read = _receiver.RoundTrip(message);

            Assert.Equal(message.DeadlineUnixMs, read.DeadlineUnixMs);
            Assert.Equal(message.CallerGrain, read.CallerGrain);
            Assert.Equal(message.CallerSilo, read.CallerSilo);
            Assert.Equal(message.TraceParent, read.TraceParent);
            Assert.Equal(message.TraceState, read.TraceState);
        }
    }

    [Fact]
    public void Interface_names_and_method_ids_are_shared_strings_across_messages()
    {
        var first = _receiver.RoundTrip(FullRequest());
        var second = _receiver.RoundTrip(FullRequest());

        Assert.Same(first.InterfaceName, second.InterfaceName);
        Assert.Same(first.MethodId, second.MethodId);
        Assert.Same(first.Target.Type, second.Target.Type);
    }

    [Fact]
    public void A_message_split_across_many_buffer_segments_decodes()
    {
        var bytes = _sender.Encode(FullRequest());

        var read = _receiver.Codec.Read(Segments.Split(bytes, segmentLength: 3));

        Assert.Equal(FullRequest().TraceParent, read.TraceParent);
        Assert.Equal(42, read.Id);
    }

    [Fact]
    public void A_negative_deadline_is_refused_when_writing()
    {
        var message = MinimalRequest();
        message.DeadlineUnixMs = -5;

        Assert.Throws<ArgumentException>(() => _sender.Encode(message));
    }

    [Fact]
    public void A_request_message_without_a_request_is_refused_when_writing()
    {
        var message = new WireMessage { Direction = MessageDirection.Request, Target = Target, InterfaceName = "I", MethodId = "M()" };

        Assert.Throws<ArgumentException>(() => _sender.Encode(message));
    }

    private WireMessage MinimalRequest()
    {
        var request = _sender.Runtime.Capture(() => _sender.Grains.GetGrain<ICodecProbeGrain>("probe-1").Add(20, 22));
        return WireMessage.ForRequest(1, Target, request);
    }

    private WireMessage FullRequest()
    {
        var message = MinimalRequest();
        message.Id = 42;
        message.DeadlineUnixMs = 1_754_000_000_123;
        message.CallerGrain = new GrainId("codecpeer", "12");
        message.CallerSilo = "silo-10.0.0.7:11111@123";
        message.TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        message.TraceState = "vendor=opaque,other=1";
        return message;
    }
}
