using MultiAgent.Runtime;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Messaging.Serialization;

namespace MultiAgent.Tests.Messaging.Serialization;

/// <summary>Responses: results typed by the method's result type, exceptions as text, rejections with their kind.</summary>
public sealed class ResponseCodecTests
{
    private readonly CodecHarness _silo = new();
    private readonly CodecHarness _caller = new();

    private ICodecProbeGrain Probe => _caller.Grains.GetGrain<ICodecProbeGrain>("probe-1");

    [Fact]
    public void A_primitive_result_round_trips()
    {
        var request = Received(() => Probe.Add(1, 2));

        var response = _caller.RoundTrip(WireMessage.ForResult(request, 3));

        Assert.Equal(MessageDirection.Response, response.Direction);
        Assert.Equal(ResponseKind.Success, response.ResponseKind);
        Assert.Equal(request.Id, response.Id);
        Assert.Equal(3, response.Result);
        Assert.Same(request.Method, response.Method);
    }

    [Fact]
    public void A_void_result_takes_no_bytes_and_reads_back_as_the_void_value()
    {
        var request = Received(() => Probe.Ping());
        var withNull = _silo.Encode(WireMessage.ForResult(request, null));
        var withVoid = _silo.Encode(WireMessage.ForResult(request, default(VoidResult)));

        Assert.Equal(withNull, withVoid);
        Assert.IsType<VoidResult>(_caller.Decode(withVoid).Result);
    }

    [Fact]
    public void A_contract_result_round_trips_with_its_grain_reference_bound_to_the_caller()
    {
        var request = Received(() => Probe.Echo(null));
        var shipment = new ProbeShipment("S", ["x"], new() { ["x"] = 1 }, ProbeColor.Blue, _silo.Grains.GetGrain<ICodecPeerGrain>(8));

        var result = Assert.IsType<ProbeShipment>(_caller.RoundTrip(WireMessage.ForResult(request, shipment)).Result);

        Assert.Equal(shipment.Items, result.Items);
        Assert.Equal(shipment.Handler, result.Handler);
        Assert.Same(_caller.Runtime, ((GrainReference)result.Handler!).Runtime);
    }

    [Fact]
    public void Null_reference_results_round_trip()
    {
        Assert.Null(_caller.RoundTrip(WireMessage.ForResult(Received(() => Probe.Echo(null)), null)).Result);
        Assert.Null(_caller.RoundTrip(WireMessage.ForResult(Received(() => Probe.Forward(null, null!, default)), null)).Result);
    }

    [Fact]
    public void A_grain_reference_result_round_trips()
    {
        var request = Received(() => Probe.Forward(null, null!, default));
        var self = _silo.Grains.GetGrain<ICodecProbeGrain>("self");

        var result = _caller.RoundTrip(WireMessage.ForResult(request, self)).Result;

        Assert.Equal(self, result);
        Assert.Same(_caller.Runtime, ((GrainReference)result!).Runtime);
    }

    [Fact]
    public void A_value_task_result_round_trips()
    {
        var request = Received(() => Probe.Sum([], [], TimeSpan.Zero).AsTask());

        Assert.Equal(long.MinValue, _caller.RoundTrip(WireMessage.ForResult(request, long.MinValue)).Result);
    }

    [Fact]
    public void A_result_of_the_wrong_type_is_refused_when_writing()
    {
        var request = Received(() => Probe.Add(1, 2));

        Assert.Throws<ArgumentException>(() => _silo.Encode(WireMessage.ForResult(request, "three")));
    }

    [Fact]
    public void An_exception_arrives_as_a_remote_grain_exception_with_type_message_stack_and_causes()
    {
        var request = Received(() => Probe.Add(1, 2));
        var thrown = Thrown(() => throw new InvalidOperationException("outer", new ArgumentException("middle", new FormatException("inner"))));

        var response = _caller.RoundTrip(WireMessage.ForException(request, thrown));

        Assert.Equal(ResponseKind.Exception, response.ResponseKind);
        var remote = Assert.IsType<RemoteGrainException>(response.Exception);
        Assert.Equal(typeof(InvalidOperationException).FullName, remote.ExceptionType);
        Assert.Equal("System.InvalidOperationException: outer", remote.Message);
        Assert.Contains(nameof(Thrown), remote.RemoteStackTrace);
        Assert.Contains("---> System.ArgumentException: middle", remote.RemoteStackTrace);
        Assert.Contains("---> System.FormatException: inner", remote.RemoteStackTrace);
    }

    [Fact]
    public void An_exception_that_was_never_thrown_has_no_stack()
    {
        var request = Received(() => Probe.Add(1, 2));

        var remote = Assert.IsType<RemoteGrainException>(_caller.RoundTrip(WireMessage.ForException(request, new TimeoutException("slow"))).Exception);

        Assert.Equal("System.TimeoutException: slow", remote.Message);
        Assert.Null(remote.RemoteStackTrace);
    }

    [Fact]
    public void A_remote_exception_passed_on_keeps_its_original_type_message_and_stack()
    {
        var request = Received(() => Probe.Add(1, 2));
        var first = (RemoteGrainException)_caller.RoundTrip(WireMessage.ForException(request, Thrown(() => throw new KeyNotFoundException("gone"))))
            .Exception!;

        var second = Assert.IsType<RemoteGrainException>(_caller.RoundTrip(WireMessage.ForException(request, first)).Exception);

        Assert.Equal(first.ExceptionType, second.ExceptionType);
        Assert.Equal(first.Message, second.Message);
        Assert.Equal(first.RemoteStackTrace, second.RemoteStackTrace);
    }

    [Fact]
    public void A_rejection_round_trips_with_its_kind_and_message()
    {
        var request = Received(() => Probe.Add(1, 2));
        foreach (var kind in Enum.GetValues<RejectionKind>())
        {
            var response = _caller.RoundTrip(WireMessage.ForRejection(request, kind, $"refused: {kind}"));

            Assert.Equal(ResponseKind.Rejection, response.ResponseKind);
            Assert.Equal(kind, response.RejectionKind);
            Assert.Equal($"refused: {kind}", response.RejectionMessage);
            Assert.Equal(request.Id, response.Id);
        }
    }

    [Fact]
    public void A_response_carries_the_trace_context_of_its_request()
    {
        var request = Received(() => Probe.Add(1, 2));
        request.TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        var response = _caller.RoundTrip(WireMessage.ForResult(request, 3));

        Assert.Equal(request.TraceParent, response.TraceParent);
    }

    /// <summary>The request as the silo decoded it (so the response's descriptor is the silo's).</summary>
    private WireMessage Received(Func<Task> call)
    {
        var request = _caller.Runtime.Capture(() => call());
        return _silo.RoundTrip(WireMessage.ForRequest(17, new GrainId("codecprobe", "probe-1"), request));
    }

    private static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }

        throw new InvalidOperationException("did not throw");
    }
}
