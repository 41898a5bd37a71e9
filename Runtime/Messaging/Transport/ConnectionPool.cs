using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>
/// Client side: a small fixed number of connections per remote endpoint (<see cref="TransportOptions.ConnectionsPerEndpoint"/>),
/// opened on first use, spread round-robin, and reopened with back-off after they fail. All connections share one
/// <see cref="IFrameHandler"/>, which receives the replies. Disposing the pool closes every connection.
/// </summary>
internal sealed class ConnectionPool : IAsyncDisposable
{
    private readonly ConcurrentDictionary<EndPoint, PooledEndpoint> _endpoints = new();
    private readonly Func<EndPoint, PooledEndpoint> _createEndpoint;
    private readonly IFrameHandler _handler;
    private readonly TransportOptions _options;
    private readonly Func<FrameConnection, CancellationToken, ValueTask>? _onConnected;
    private readonly ILogger _logger;
    private readonly ILogger _connectionLogger;
    private readonly ResiliencePipeline _connectPipeline;
    private readonly CancellationTokenSource _disposing = new();
    private int _disposed;

    /// <param name="handler">Receives the frames of every pooled connection.</param>
    /// <param name="onConnected">
    /// Runs on each new connection before anyone else may use it, e.g. to send the handshake frame; it counts
    /// against the connect timeout, and if it throws the connection is dropped.
    /// </param>
    public ConnectionPool(
        IFrameHandler handler,
        TransportOptions options,
        ILoggerFactory loggerFactory,
        Func<FrameConnection, CancellationToken, ValueTask>? onConnected = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        TransportOptionsValidator.ThrowIfInvalid(options);
        _handler = handler;
        _options = options;
        _onConnected = onConnected;
        _logger = loggerFactory.CreateLogger<ConnectionPool>();
        _connectionLogger = loggerFactory.CreateLogger<FrameConnection>();
        _connectPipeline = ConnectRetryPipeline.Create(options, _logger, timeProvider ?? TimeProvider.System);
        _createEndpoint = endpoint => new PooledEndpoint(this, endpoint, _options.ConnectionsPerEndpoint);
    }

    /// <summary>
    /// An open connection to <paramref name="endpoint"/>, connecting first if needed (synchronous when one is open).
    /// Throws <see cref="ConnectionFailedException"/>, naming the endpoint, when none can be opened within
    /// <see cref="TransportOptions.ConnectTimeout"/>.
    /// </summary>
    public ValueTask<FrameConnection> GetConnectionAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _endpoints.GetOrAdd(endpoint, _createEndpoint).GetAsync(cancellationToken);
    }

    /// <summary>Open connections to <paramref name="endpoint"/>.</summary>
    public IReadOnlyList<FrameConnection> GetOpenConnections(EndPoint endpoint) =>
        _endpoints.TryGetValue(endpoint, out var pooled) ? [.. pooled.OpenConnections] : [];

    /// <summary>Closes and forgets the connections to one endpoint, e.g. a peer declared dead.</summary>
    public Task CloseEndpointAsync(EndPoint endpoint, string reason, CancellationToken cancellationToken = default)
    {
        return _endpoints.TryRemove(endpoint, out var pooled)
            ? CloseAllAsync(pooled.Retire(), reason, cancellationToken)
            : Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        var connections = _endpoints.Values.SelectMany(e => e.Retire()).ToArray();
        _endpoints.Clear();

        // Graceful, bounded by each connection's close timeout.
        await CloseAllAsync(connections, "the connection pool is closing", CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Opens one connection with retries; used by the endpoint slots. <paramref name="retired"/> abandons the attempt.</summary>
    internal async Task<FrameConnection> OpenAsync(EndPoint endpoint, CancellationToken retired = default)
    {
        Exception? lastError = null;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(_disposing.Token, retired);
        var context = ResilienceContextPool.Shared.Get(stopping.Token);
        context.Properties.Set(ConnectRetryPipeline.RemoteEndPointKey, endpoint);
        try
        {
            var connection = await _connectPipeline.ExecuteAsync(
                async (ctx, _) =>
                {
                    try
                    {
                        return await OpenOnceAsync(endpoint, ctx.CancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        lastError = ex;
                        throw;
                    }
                },
                context,
                0).ConfigureAwait(false);

            if (Volatile.Read(ref _disposed) != 0)
            {
                connection.Abort("the connection pool was closed while connecting");
                throw new ObjectDisposedException(nameof(ConnectionPool));
            }

            return connection;
        }
        catch (TimeoutRejectedException ex)
        {
            _logger.ConnectFailed(lastError, endpoint, _options.ConnectTimeout);
            throw new ConnectionFailedException(
                endpoint,
                $"Could not connect to {endpoint} within {_options.ConnectTimeout}: {(lastError ?? ex).Message}",
                lastError ?? ex);
        }
        catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(ConnectionPool), $"The connection pool closed while connecting to {endpoint}.");
        }
        catch (OperationCanceledException) when (retired.IsCancellationRequested)
        {
            throw new ConnectionFailedException(endpoint, $"The connections to {endpoint} were closed while connecting: {lastError?.Message ?? "no attempt finished"}.", lastError);
        }
        catch (Exception ex) when (ex is not ConnectionFailedException and not ObjectDisposedException)
        {
            _logger.ConnectFailed(ex, endpoint, _options.ConnectTimeout);
            throw new ConnectionFailedException(endpoint, $"Could not connect to {endpoint}: {ex.Message}", ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<FrameConnection> OpenOnceAsync(EndPoint endpoint, CancellationToken cancellationToken)
    {
        var connection = await FrameConnection.ConnectAsync(endpoint, _handler, _options, _connectionLogger, cancellationToken).ConfigureAwait(false);
        if (_onConnected is not null)
        {
            try
            {
                await _onConnected(connection, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                connection.Abort("the connection hook failed");
                throw;
            }
        }

        _logger.Connected(connection.Id, endpoint);
        return connection;
    }

    private static Task CloseAllAsync(FrameConnection[] connections, string reason, CancellationToken cancellationToken) =>
        Task.WhenAll(connections.Select(c => c.CloseAsync(reason, cancellationToken)));
}
