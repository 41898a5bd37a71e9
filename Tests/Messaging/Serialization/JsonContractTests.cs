using System.Text;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Messaging.Serialization;

namespace MultiAgent.Tests.Messaging.Serialization;

public sealed class JsonContractTests
{
    private readonly CodecHarness _sender = new();
    private readonly CodecHarness _receiver = new();

    [Fact]
    public void A_record_with_a_list_a_dictionary_an_enum_and_a_grain_reference_round_trips()
    {
        var handler = _sender.Grains.GetGrain<ICodecPeerGrain>(42);
        var shipment = new ProbeShipment(
            "S-1",
            ["sku-1", "sku-2", "ünïcode"],
            new Dictionary<string, int> { ["sku-1"] = 3, ["sku-2"] = 0 },
            ProbeColor.Blue,
            handler,
            new ProbeShipment("S-0", [], [], ProbeColor.Red, null));

        var read = _receiver.DecodeValue<ProbeShipment>(_sender.EncodeValue(shipment));

        Assert.Equal("S-1", read.Id);
        Assert.Equal(shipment.Items, read.Items);
        Assert.Equal(shipment.Quantities, read.Quantities);
        Assert.Equal(ProbeColor.Blue, read.Color);
        Assert.Equal(handler, read.Handler);
        Assert.Same(_receiver.Runtime, ((GrainReference)read.Handler!).Runtime);
        Assert.NotNull(read.Parent);
        Assert.Equal("S-0", read.Parent.Id);
        Assert.Null(read.Parent.Handler);
        Assert.Empty(read.Parent.Items);
    }

    [Fact]
    public void A_nested_grain_reference_is_json_with_its_id_and_interface()
    {
        var shipment = new ProbeShipment("S", [], [], ProbeColor.Green, _sender.Grains.GetGrain<ICodecPeerGrain>(7));

        var bytes = _sender.EncodeValue(shipment);
        var json = Encoding.UTF8.GetString(bytes.AsSpan(Array.IndexOf(bytes, (byte)'{')));

        Assert.Contains("\"Handler\":{\"id\":\"codecpeer/7\",\"interface\":\"MultiAgent.Tests.Messaging.Serialization.ICodecPeerGrain\"}", json);
        Assert.Contains("\"Color\":\"Green\"", json);
    }

    [Fact]
    public async Task A_reference_that_arrived_inside_a_contract_calls_through_the_receiving_runtime()
    {
        var shipment = new ProbeShipment("S", [], [], ProbeColor.Red, _sender.Grains.GetGrain<ICodecPeerGrain>(5));

        var read = _receiver.DecodeValue<ProbeShipment>(_sender.EncodeValue(shipment));
        await read.Handler!.Touch();

        var call = Assert.Single(_receiver.Runtime.Calls);
        Assert.Equal(new GrainId("codecpeer", "5"), call.Target.GrainId);
        Assert.Equal("Touch()", call.Request.Method.MethodId);
        Assert.Empty(_sender.Runtime.Calls);
    }

    [Fact]
    public void References_declared_as_a_base_type_come_back_as_the_proxy_of_their_own_interface()
    {
        var peer = _sender.Grains.GetGrain<ICodecPeerGrain>(11);

        var asReference = _receiver.DecodeValue<GrainReference>(_sender.EncodeValue((GrainReference)peer));
        var asAddressable = _receiver.DecodeValue<IAddressable>(_sender.EncodeValue<IAddressable>(peer));
        var asMarker = _receiver.DecodeValue<IGrainWithIntegerKey>(_sender.EncodeValue<IGrainWithIntegerKey>(peer));

        Assert.IsAssignableFrom<ICodecPeerGrain>(asReference);
        Assert.Equal(peer, asAddressable);
        Assert.Equal(peer, asMarker);
        Assert.Null(_receiver.DecodeValue<GrainReference?>(_sender.EncodeValue<GrainReference?>(null)));
    }

    [Fact]
    public void A_reference_read_as_an_interface_it_does_not_implement_is_a_format_error()
    {
        var bytes = _sender.EncodeValue(_sender.Grains.GetGrain<ICodecPeerGrain>(11));

        var error = Assert.Throws<MessageFormatException>(() => _receiver.DecodeValue<ICodecProbeGrain>(bytes));

        Assert.Contains(nameof(ICodecProbeGrain), error.Message);
    }

    [Fact]
    public void A_large_contract_round_trips_and_the_writer_stays_usable()
    {
        var items = Enumerable.Range(0, 20_000).Select(i => $"sku-{i}").ToList();
        var big = new ProbeShipment("big", items, [], ProbeColor.Red, null);

        var read = _sender.RoundTripValue(big);
        var small = _sender.RoundTripValue(new ShipmentV1("s", 1));

        Assert.Equal(items, read.Items);
        Assert.Equal(new ShipmentV1("s", 1), small);
    }

    [Fact]
    public void Null_contracts_and_collections_round_trip()
    {
        Assert.Null(_sender.RoundTripValue<ProbeShipment?>(null));
        Assert.Null(_sender.RoundTripValue<List<string>?>(null));
        Assert.Equal([1, 2, 3], _sender.RoundTripValue(new List<int> { 1, 2, 3 }));
        Assert.Equal(new Dictionary<string, double> { ["a"] = 0.5 }, _sender.RoundTripValue(new Dictionary<string, double> { ["a"] = 0.5 }));
        Assert.Equal(new[] { "x", null, "z" }, _sender.RoundTripValue(new[] { "x", null, "z" }));
    }

    [Fact]
    public void A_record_read_by_an_older_version_ignores_the_property_it_does_not_know()
    {
        var newer = new ShipmentV2("S-9", 4, "fragile", ["a", "b"], 2.5);

        var older = _sender.DecodeValue<ShipmentV1>(_sender.EncodeValue(newer));

        Assert.Equal(new ShipmentV1("S-9", 4), older);
    }

    [Fact]
    public void A_record_read_by_a_newer_version_defaults_the_property_it_lacks()
    {
        var older = new ShipmentV1("S-9", 4);

        var newer = _sender.DecodeValue<ShipmentV2>(_sender.EncodeValue(older));

        Assert.Equal("S-9", newer.Id);
        Assert.Equal(4, newer.Quantity);
        Assert.Null(newer.Note);
        Assert.Null(newer.Tags);
        Assert.Equal(0, newer.Weight);
    }

    [Fact]
    public void A_class_with_settable_properties_tolerates_both_directions_too()
    {
        var newer = new ProfileV2 { Name = "robot", Level = 3, Extra = "x" };

        var older = _sender.DecodeValue<ProfileV1>(_sender.EncodeValue(newer));
        var back = _sender.DecodeValue<ProfileV2>(_sender.EncodeValue(older));

        Assert.Equal("robot", older.Name);
        Assert.Equal(3, older.Level);
        Assert.Equal("robot", back.Name);
        Assert.Null(back.Extra);
    }

    [Fact]
    public void Json_that_does_not_fit_the_type_is_a_format_error()
    {
        var wrongShape = _sender.EncodeValue(new List<int> { 1 });

        var error = Assert.Throws<MessageFormatException>(() => _sender.DecodeValue<ShipmentV1>(wrongShape));
        Assert.Contains(nameof(ShipmentV1), error.Message);
    }

    [Fact]
    public void A_grain_passed_as_itself_rather_than_as_a_reference_is_refused_with_advice()
    {
        var error = Assert.Throws<ArgumentException>(() => _sender.EncodeValue<IAddressable>(new NotAGrainReference()));
        Assert.Contains("AsReference", error.Message);
    }

    public sealed record ShipmentV1(string Id, int Quantity);

    public sealed record ShipmentV2(string Id, int Quantity, string? Note, List<string>? Tags, double Weight);

    public sealed class ProfileV1
    {
        public string Name { get; set; } = string.Empty;

        public int Level { get; set; }
    }

    public sealed class ProfileV2
    {
        public string Name { get; set; } = string.Empty;

        public int Level { get; set; }

        public string? Extra { get; set; }
    }

    private sealed class NotAGrainReference : IAddressable;
}
