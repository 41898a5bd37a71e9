namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>Writes and reads values of one type. Stateless: per-message state lives in the writer and reader.</summary>
internal interface ICodec<T>
{
    void Write(ArgumentWriter writer, T value);

    T Read(ArgumentReader reader);
}
