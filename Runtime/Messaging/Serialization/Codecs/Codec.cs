namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>
/// The codec of <typeparamref name="T"/>, chosen once when the type is first used: the JIT then
/// sees a static readonly instance and each argument costs one direct call, no dictionary lookup.
/// </summary>
internal static class Codec<T>
{
    public static readonly ICodec<T> Instance = CodecFactory.Create<T>();
}
