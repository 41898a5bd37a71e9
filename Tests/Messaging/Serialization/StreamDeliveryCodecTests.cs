using MultiAgent.Runtime;
using MultiAgent.Runtime.Messaging.Serialization;
using MultiAgent.Runtime.Streams;

namespace MultiAgent.Tests.Messaging.Serialization;

/// <summary>Stream deliveries cross silos as system requests: a batch keeps its events, in order, with their offsets.</summary>
public sealed class StreamDeliveryCodecTests
{
    private readonly CodecHarness _sender = new();
    private readonly CodecHarness _receiver = new();

    [Fact]
    public void A_batch_of_events_round_trips_in_order_with_their_sequence_numbers()
    {
        var delivery = new StreamDeliveryRequest
        {
            ProviderName = "fleet",
            Namespace = "orders",
            Key = "wh-1",
            EventType = "MultiAgent.Grains.Fleet.Order",
            Payloads = [[1, 2, 3], [], [42]],
            SequenceNumbers = [10, 11, 13],
            Partition = 5,
            HandleId = "",
        };

        var read = (StreamDeliveryRequest)_receiver.RoundTrip(WireMessage.ForRequest(7, new GrainId("scheduler", "wh-1"), delivery)).Request!;

        Assert.Equal(3, read.Count);
        Assert.Equal(delivery.Payloads, read.Payloads);
        Assert.Equal([10L, 11L, 13L], read.SequenceNumbers);
        Assert.Equal(new StreamSequenceToken(13, 5), read.TokenAt(2));
        Assert.Equal(new StreamId("orders", "wh-1"), read.StreamId);
    }

    [Fact]
    public void A_delivery_claiming_no_events_is_refused_as_malformed()
    {
        var delivery = new StreamDeliveryRequest { ProviderName = "p", Namespace = "n", Key = "k", EventType = "T", Payloads = [], SequenceNumbers = [] };

        var frame = _sender.Encode(WireMessage.ForRequest(8, new GrainId("scheduler", "k"), delivery));

        var error = Assert.ThrowsAny<Exception>(() => _receiver.Decode(frame));
        Assert.Contains("0 events", error.ToString());
    }
}
