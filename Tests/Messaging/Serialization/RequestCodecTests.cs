using MultiAgent.Runtime;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Messaging.Serialization;

namespace MultiAgent.Tests.Messaging.Serialization;

/// <summary>Requests built by real generated proxies, sent by one side and invoked on a grain by the other.</summary>
public sealed class RequestCodecTests
{
    private readonly CodecHarness _sender = new();
    private readonly CodecHarness _receiver = new();
    private readonly CodecProbeRecorder _grain = new();

    private ICodecProbeGrain Probe => _sender.Grains.GetGrain<ICodecProbeGrain>("probe-1");

    [Fact]
    public async Task Primitive_arguments_reach_the_grain_equal()
    {
        var at = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(-3));
        var id = Guid.NewGuid();
        var request = _sender.Runtime.Capture(() => Probe.Describe(-17, "hello, grain", id, at, ProbeColor.Blue, null, [1, 2, 3], 12.340m));

        var decoded = Transfer(request);
        var result = await ((GrainRequest<string>)decoded).InvokeAsync(_grain);

        Assert.Equal("-17:hello, grain", result);
        Assert.Equal([-17, "hello, grain", id, at, ProbeColor.Blue, null, new byte[] { 1, 2, 3 }, 12.340m], _grain.LastArguments);
        Assert.Equal(at.Offset, ((DateTimeOffset)_grain.LastArguments[3]!).Offset);
        Assert.Equal("12.340", ((decimal)_grain.LastArguments[7]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Null_reference_arguments_reach_the_grain_as_null()
    {
        var request = _sender.Runtime.Capture(() => Probe.Describe(0, null, Guid.Empty, default, default, 5, null, 0m));

        await ((GrainRequest<string>)Transfer(request)).InvokeAsync(_grain);

        Assert.Equal([0, null, Guid.Empty, default(DateTimeOffset), ProbeColor.Red, 5, null, 0m], _grain.LastArguments);
    }

    [Fact]
    public async Task A_contract_argument_reaches_the_grain_with_its_nested_reference_bound_to_the_receiver()
    {
        var shipment = new ProbeShipment("S-1", ["a"], new() { ["a"] = 2 }, ProbeColor.Green, _sender.Grains.GetGrain<ICodecPeerGrain>(3));
        var request = _sender.Runtime.Capture(() => Probe.Echo(shipment));

        var echoed = await ((GrainRequest<ProbeShipment?>)Transfer(request)).InvokeAsync(_grain);

        Assert.NotNull(echoed);
        Assert.Equal(shipment.Items, echoed.Items);
        Assert.Equal(shipment.Quantities, echoed.Quantities);
        Assert.Equal(shipment.Handler, echoed.Handler);
        Assert.Same(_receiver.Runtime, ((GrainReference)echoed.Handler!).Runtime);
    }

    [Fact]
    public async Task Grain_reference_arguments_arrive_as_proxies_of_the_receiving_runtime()
    {
        var other = _sender.Grains.GetGrain<ICodecProbeGrain>("other");
        var peer = _sender.Grains.GetGrain<ICodecPeerGrain>(99);
        var id = new GrainId("codecpeer", "100");
        var request = _sender.Runtime.Capture(() => Probe.Forward(other, peer, id));

        var decoded = (GrainRequest<ICodecProbeGrain?>)Transfer(request);
        await decoded.InvokeAsync(_grain);

        var (receivedOther, receivedPeer, receivedId) = ((ICodecProbeGrain)_grain.LastArguments[0]!, (ICodecPeerGrain)_grain.LastArguments[1]!, (GrainId)_grain.LastArguments[2]!);
        Assert.Equal(other, receivedOther);
        Assert.Equal(peer, receivedPeer);
        Assert.Equal(id, receivedId);
        Assert.Same(_receiver.Runtime, ((GrainReference)receivedPeer).Runtime);

        await receivedPeer.Touch();
        Assert.Equal(peer.GetGrainId(), Assert.Single(_receiver.Runtime.Calls).Target.GrainId);
    }

    [Fact]
    public async Task A_null_grain_reference_argument_arrives_as_null()
    {
        var request = _sender.Runtime.Capture(() => Probe.Forward(null, _sender.Grains.GetGrain<ICodecPeerGrain>(1), new GrainId("codecpeer", "1")));

        await ((GrainRequest<ICodecProbeGrain?>)Transfer(request)).InvokeAsync(_grain);

        Assert.Null(_grain.LastArguments[0]);
    }

    [Fact]
    public async Task Collection_arguments_and_value_task_methods_work()
    {
        var request = _sender.Runtime.Capture(() => Probe.Sum([1, 2, 39], new() { ["w"] = 0.25 }, TimeSpan.FromSeconds(3)).AsTask());

        var total = await ((GrainRequest<long>)Transfer(request)).InvokeAsync(_grain);

        Assert.Equal(42, total);
        Assert.Equal(new Dictionary<string, double> { ["w"] = 0.25 }, _grain.LastArguments[1]);
        Assert.Equal(TimeSpan.FromSeconds(3), _grain.LastArguments[2]);
    }

    [Fact]
    public async Task A_method_without_arguments_round_trips()
    {
        var request = _sender.Runtime.Capture(() => Probe.Ping());

        var decoded = Transfer(request);
        await ((GrainRequest<VoidResult>)decoded).InvokeAsync(_grain);

        Assert.Empty(_grain.LastArguments);
    }

    [Fact]
    public void A_one_way_method_travels_as_a_one_way_message()
    {
        var request = _sender.Runtime.Capture(() => Probe.Notify("fire and forget"));

        var message = _receiver.Decode(_sender.Encode(WireMessage.ForRequest(7, new GrainId("codecprobe", "probe-1"), request)));

        Assert.Equal(MessageDirection.OneWay, message.Direction);
        Assert.True(message.Method!.IsOneWay);
    }

    [Fact]
    public void The_decoded_request_names_the_method_of_the_generated_descriptor()
    {
        var request = _sender.Runtime.Capture(() => Probe.Add(1, 2));

        var message = _receiver.Decode(_sender.Encode(WireMessage.ForRequest(1, new GrainId("codecprobe", "probe-1"), request)));

        Assert.Same(request.Method, message.Method);
        Assert.Equal(typeof(ICodecProbeGrain).FullName, message.InterfaceName);
        Assert.Equal("Add(System.Int32,System.Int32)", message.MethodId);
        Assert.IsType(request.GetType(), message.Request);
    }

    private GrainRequest Transfer(GrainRequest request)
    {
        var message = WireMessage.ForRequest(1, new GrainId("codecprobe", "probe-1"), request);
        var decoded = _receiver.Decode(_sender.Encode(message));
        Assert.NotNull(decoded.Request);
        return decoded.Request;
    }
}
