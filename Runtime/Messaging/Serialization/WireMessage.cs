using MultiAgent.Runtime.Invocation;

namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>
/// One message between silos or between a client and a gateway: the envelope (who, what, until when,
/// on whose behalf, in which trace) and a body that is either a request or a response.
/// </summary>
internal sealed class WireMessage
{
    /// <summary>Correlates a response with its request; unique per sender.</summary>
    public long Id { get; set; }

    public MessageDirection Direction { get; set; }

    public GrainId Target { get; set; }

    /// <summary>Full name of the grain interface (<see cref="GrainMethodDescriptor.InterfaceName"/>).</summary>
    public string InterfaceName { get; set; } = string.Empty;

    /// <summary><see cref="GrainMethodDescriptor.MethodId"/>, e.g. <c>Ping(System.Int32)</c>.</summary>
    public string MethodId { get; set; } = string.Empty;

    /// <summary>Absolute deadline in Unix milliseconds; 0 when the call has none.</summary>
    public long DeadlineUnixMs { get; set; }

    /// <summary>The calling grain, when a grain (not a client) made the call.</summary>
    public GrainId? CallerGrain { get; set; }

    /// <summary>The silo or client that sent the request (where the response goes).</summary>
    public string? CallerSilo { get; set; }

    /// <summary>W3C <c>traceparent</c> of the caller's activity.</summary>
    public string? TraceParent { get; set; }

    /// <summary>W3C <c>tracestate</c>.</summary>
    public string? TraceState { get; set; }

    /// <summary>
    /// The method called. Set from <see cref="Request"/> for requests; for responses, set by the replier
    /// (it types the result) or resolved on read from <see cref="InterfaceName"/> and <see cref="MethodId"/>.
    /// </summary>
    public GrainMethodDescriptor? Method { get; set; }

    /// <summary>The call and its arguments (requests and one-way messages).</summary>
    public GrainRequest? Request { get; set; }

    public ResponseKind ResponseKind { get; set; }

    /// <summary>The method's result (<see cref="ResponseKind.Success"/>), typed by <see cref="GrainMethodDescriptor.ResultType"/>.</summary>
    public object? Result { get; set; }

    /// <summary>What the grain threw (<see cref="ResponseKind.Exception"/>); a <see cref="RemoteGrainException"/> once read.</summary>
    public Exception? Exception { get; set; }

    public RejectionKind RejectionKind { get; set; }

    public string? RejectionMessage { get; set; }

    public bool IsRequest => Direction != MessageDirection.Response;

    /// <summary>A request (or one-way call) for <paramref name="request"/> on <paramref name="target"/>.</summary>
    public static WireMessage ForRequest(long id, GrainId target, GrainRequest request, long deadlineUnixMs = 0)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.Method;
        return new WireMessage
        {
            Id = id,
            Direction = method.IsOneWay ? MessageDirection.OneWay : MessageDirection.Request,
            Target = target,
            InterfaceName = method.InterfaceName,
            MethodId = method.MethodId,
            DeadlineUnixMs = deadlineUnixMs,
            Method = method,
            Request = request,
        };
    }

    /// <summary>The successful response to <paramref name="request"/>.</summary>
    public static WireMessage ForResult(WireMessage request, object? result)
    {
        var response = ResponseTo(request, ResponseKind.Success);
        response.Result = result;
        return response;
    }

    /// <summary>The response to <paramref name="request"/> when the grain threw <paramref name="exception"/>.</summary>
    public static WireMessage ForException(WireMessage request, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var response = ResponseTo(request, ResponseKind.Exception);
        response.Exception = exception;
        return response;
    }

    /// <summary>A refusal of <paramref name="request"/> that never reached the grain.</summary>
    public static WireMessage ForRejection(WireMessage request, RejectionKind kind, string message)
    {
        var response = ResponseTo(request, ResponseKind.Rejection);
        response.RejectionKind = kind;
        response.RejectionMessage = message;
        return response;
    }

    /// <summary>Rejects a frame that could not be decoded, answering whatever of its header was read.</summary>
    public static WireMessage ForRejection(MessageFormatException error, RejectionKind kind) => new()
    {
        Id = error.MessageId ?? 0,
        Direction = MessageDirection.Response,
        Target = error.Target ?? default,
        InterfaceName = error.InterfaceName ?? string.Empty,
        MethodId = error.MethodId ?? string.Empty,
        ResponseKind = ResponseKind.Rejection,
        RejectionKind = kind,
        RejectionMessage = error.Message,
    };

    private static WireMessage ResponseTo(WireMessage request, ResponseKind kind)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new WireMessage
        {
            Id = request.Id,
            Direction = MessageDirection.Response,
            Target = request.Target,
            InterfaceName = request.InterfaceName,
            MethodId = request.MethodId,
            Method = request.Method,
            TraceParent = request.TraceParent,
            TraceState = request.TraceState,
            ResponseKind = kind,
        };
    }

    public override string ToString() => Direction == MessageDirection.Response
        ? $"#{Id} {ResponseKind} from {Target} {InterfaceName}.{MethodId}"
        : $"#{Id} {Direction} to {Target} {InterfaceName}.{MethodId}";
}
