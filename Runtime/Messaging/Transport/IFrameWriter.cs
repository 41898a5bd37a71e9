namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>
/// Encodes a payload straight into the connection's send buffer, saving the copy <c>TrySend(span)</c> makes.
/// The length must be known first: the header goes in front, and a writer that throws leaves nothing behind.
/// </summary>
internal interface IFrameWriter
{
    /// <summary>Exact number of bytes <see cref="Write"/> fills.</summary>
    int PayloadLength { get; }

    /// <summary>Fills <paramref name="destination"/>, which is exactly <see cref="PayloadLength"/> bytes long.</summary>
    void Write(Span<byte> destination);
}
