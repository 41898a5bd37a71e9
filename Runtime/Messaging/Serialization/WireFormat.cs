namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>
/// Layout of a message (version 1). Integers are LEB128 varints (zigzag when signed); strings and
/// byte arrays are a varint of length + 1 (0 = null) then the bytes; a grain id is its type string
/// (null = none) then, if present, its key string.
/// <code>
/// version   byte      1
/// flags     byte      bits 0-1 direction (0 request, 1 response, 2 one-way); bit 2 deadline,
///                     3 caller grain, 4 caller silo, 5 traceparent, 6 tracestate; bit 7 must be 0
/// id        varint
/// target    grain id
/// interface string    full name of the grain interface
/// method    string    method id
/// [deadline varint]   Unix ms          [caller grain  grain id]   [caller silo string]
/// [traceparent string]                 [tracestate string]
/// body      request/one-way: the arguments in declaration order, each by its type's codec
///           response: kind byte (0 success, 1 exception, 2 rejection), then
///             success:   the result by the codec of the method's result type
///             exception: type, message, stack (strings), inner count (varint) and (type, message) per inner
///             rejection: rejection kind byte, message string
/// </code>
/// The frame must end exactly where the body ends.
/// </summary>
internal static class WireFormat
{
    public const byte Version = 1;

    public const byte DirectionMask = 0b0000_0011;
    public const byte HasDeadline = 1 << 2;
    public const byte HasCallerGrain = 1 << 3;
    public const byte HasCallerSilo = 1 << 4;
    public const byte HasTraceParent = 1 << 5;
    public const byte HasTraceState = 1 << 6;
    public const byte ReservedMask = 1 << 7;
}
