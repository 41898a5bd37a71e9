using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>
/// Accepts TCP connections on one endpoint and runs a <see cref="FrameConnection"/> for each; what the frames mean
/// is the <see cref="IConnectionAcceptor"/>'s business. Port 0 picks a free port: read <see cref="LocalEndPoint"/>.
/// </summary>
internal sealed class FrameListener : IAsyncDisposable
{
    private readonly IPEndPoint _endpoint;
    private readonly IConnectionAcceptor _acceptor;
    private readonly TransportOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<long, FrameConnection> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listenSocket;
    private IPEndPoint? _localEndPoint;
    private Task _acceptLoop = Task.CompletedTask;
    private int _stopped;

    public FrameListener(
        IPEndPoint endpoint,
        IConnectionAcceptor acceptor,
        TransportOptions options,
        ILoggerFactory loggerFactory,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(acceptor);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        TransportOptionsValidator.ThrowIfInvalid(options);
        _endpoint = endpoint;
        _acceptor = acceptor;
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<FrameListener>();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The bound endpoint (with the real port when 0 was asked for); available after <see cref="Start"/>.</summary>
    public IPEndPoint LocalEndPoint =>
        _localEndPoint ?? throw new InvalidOperationException("The listener is not started.");

    /// <summary>Accepted connections not yet closed.</summary>
    public int ConnectionCount => _connections.Count;

    public IReadOnlyCollection<FrameConnection> Connections => (IReadOnlyCollection<FrameConnection>)_connections.Values;

    /// <summary>Binds and starts accepting. Throws, naming the endpoint, when it cannot bind (e.g. the port is taken).</summary>
    public void Start()
    {
        if (_listenSocket is not null)
        {
            throw new InvalidOperationException($"The listener on {_endpoint} is already started.");
        }

        var socket = new Socket(_endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (_endpoint.Address.Equals(IPAddress.IPv6Any))
            {
                // "Any" should mean IPv4 peers too.
                socket.DualMode = true;
            }

            socket.Bind(_endpoint);
            socket.Listen(_options.ListenBacklog);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new IOException($"Cannot listen on {_endpoint}: {ex.Message}", ex);
        }

        // Read once: a stop may dispose the socket while the accept loop is only starting.
        _localEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _listenSocket = socket;
        _logger.ListenerStarted(_localEndPoint);
        using (ExecutionContext.SuppressFlow())
        {
            _acceptLoop = Task.Run(AcceptLoopAsync);
        }
    }

    /// <summary>Stops accepting and closes every connection gracefully; when <paramref name="cancellationToken"/> fires, aborts the rest.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (await StopAcceptingAsync().ConfigureAwait(false) is not { } connections)
        {
            return;
        }

        try
        {
            await Task.WhenAll(connections.Select(c => c.CloseAsync("the listener is stopping", cancellationToken))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Each CloseAsync has aborted its connection; the teardown that remains does not block.
            await Task.WhenAll(connections.Select(c => c.Closed)).ConfigureAwait(false);
            throw;
        }
        finally
        {
            Forget(connections);
        }
    }

    /// <summary>Stops without a graceful drain: connections are aborted.</summary>
    public async ValueTask DisposeAsync()
    {
        if (await StopAcceptingAsync().ConfigureAwait(false) is not { } connections)
        {
            return;
        }

        foreach (var connection in connections)
        {
            connection.Abort("the listener was disposed");
        }

        await Task.WhenAll(connections.Select(c => c.Closed)).ConfigureAwait(false);
        Forget(connections);
    }

    /// <summary>Closes the listening socket and returns the connections to close; null when not started or already stopped.</summary>
    private async Task<FrameConnection[]?> StopAcceptingAsync()
    {
        if (_listenSocket is null || Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return null;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listenSocket.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        return _connections.Values.ToArray();
    }

    private void Forget(FrameConnection[] connections)
    {
        // Removal on close runs asynchronously; once stopped, the count must already say zero.
        foreach (var connection in connections)
        {
            _connections.TryRemove(connection.Id, out _);
        }

        _logger.ListenerStopped(LocalEndPoint, connections.Length);
    }

    private async Task AcceptLoopAsync()
    {
        var listenSocket = _listenSocket!;
        var local = LocalEndPoint;
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listenSocket.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                // E.g. a client that reset before we accepted it: its problem, not the listener's.
                _logger.AcceptFailed(ex, local);
                continue;
            }

            try
            {
                Run(socket, local);
            }
            catch (Exception ex)
            {
                _logger.AcceptFailed(ex, local);
                socket.Dispose();
            }
        }
    }

    private void Run(Socket socket, EndPoint local)
    {
        var handshake = new HandshakeHandler(_acceptor, _logger, _options.HandshakeTimeout);
        var connection = new FrameConnection(socket, handshake, _options, _loggerFactory.CreateLogger<FrameConnection>());
        _connections[connection.Id] = connection;
        _ = connection.Closed.ContinueWith(
            static (closed, state) =>
            {
                var (connections, id) = ((ConcurrentDictionary<long, FrameConnection>, long))state!;
                connections.TryRemove(id, out _);
            },
            (_connections, connection.Id),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        _logger.ConnectionAccepted(connection.Id, connection.RemoteEndPoint, local);
        try
        {
            _acceptor.OnConnected(connection);
        }
        catch (Exception ex)
        {
            // Aborting before Start is fine: the loops start, see the abort and report the close as usual.
            _logger.HandshakeFailed(ex, connection.Id, connection.RemoteEndPoint);
            connection.Abort("the connection hook failed");
        }

        handshake.Arm(connection, _timeProvider);
        connection.Start();

        // A stop that raced with this accept would otherwise miss the connection.
        if (_stopping.IsCancellationRequested)
        {
            connection.Abort("the listener is stopping");
        }
    }
}
