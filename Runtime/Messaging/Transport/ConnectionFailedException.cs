using System.Net;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>A connection to <see cref="RemoteEndPoint"/> could not be established; the message names the endpoint.</summary>
internal sealed class ConnectionFailedException : IOException
{
    public ConnectionFailedException(EndPoint remoteEndPoint, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        RemoteEndPoint = remoteEndPoint;
    }

    public EndPoint RemoteEndPoint { get; }
}
