namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>
/// Contracts (records, classes, collections) as length-prefixed System.Text.Json: tolerant of versions
/// (unknown properties are skipped, missing ones default), with grain references bound on read.
/// </summary>
internal sealed class JsonCodec<T> : ICodec<T>
{
    public void Write(ArgumentWriter writer, T value) => writer.WriteJson(value);

    public T Read(ArgumentReader reader) => reader.ReadJson<T>()!;
}
