using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>Client side: one connection attempt. Retries and back-off belong to <see cref="ConnectionPool"/>.</summary>
internal sealed partial class FrameConnection
{
    public static async Task<FrameConnection> ConnectAsync(
        EndPoint remoteEndPoint,
        IFrameHandler handler,
        TransportOptions options,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remoteEndPoint);
        TransportOptionsValidator.ThrowIfInvalid(options);

        // A DnsEndPoint has no address family yet; the dual-mode socket takes either.
        var socket = remoteEndPoint.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6
            ? new Socket(remoteEndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        FrameConnection connection;
        try
        {
            await socket.ConnectAsync(remoteEndPoint, cancellationToken).ConfigureAwait(false);

            // Inside the try: reading the peer's address fails if it has already reset the connection.
            connection = new FrameConnection(socket, handler, options, logger);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        connection.Start();
        return connection;
    }
}
