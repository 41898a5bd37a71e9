using System.Collections.Concurrent;
using System.Diagnostics;
using StackExchange.Redis;

namespace MultiAgent.Runtime.Redis;

/// <summary>
/// One shared <see cref="ConnectionMultiplexer"/> per connection string, connected on first use,
/// for every Redis-backed service of a silo (grain storage, membership, reminders). Connections do
/// not abort on failure: the multiplexer keeps reconnecting in the background, while each caller
/// waits at most the connect timeout and then gets a <see cref="RedisUnavailableException"/>.
/// </summary>
internal sealed class RedisConnectionFactory : IDisposable, IAsyncDisposable
{
    private static readonly TimeSpan ConnectedPollInterval = TimeSpan.FromMilliseconds(25);

    private readonly ConcurrentDictionary<string, SharedConnection> _connections = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    /// <summary>The connection for <paramref name="connectionString"/>, waiting up to its connect timeout for it to be up.</summary>
    public async Task<ConnectionMultiplexer> GetConnectionAsync(string connectionString, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var shared = _connections.GetOrAdd(connectionString, static cs => new SharedConnection(cs));
        return await shared.GetConnectedAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IDatabase> GetDatabaseAsync(string connectionString, int database, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(connectionString, cancellationToken).ConfigureAwait(false);
        return connection.GetDatabase(database);
    }

    /// <summary>host:port of the connection string's servers, for messages (never the password).</summary>
    public string DescribeEndpoints(string connectionString) =>
        _connections.TryGetValue(connectionString, out var shared)
            ? shared.Endpoints
            : RedisEndpoints.Describe(ConfigurationOptions.Parse(connectionString));

    public void Dispose()
    {
        _disposed = true;
        foreach (var shared in _connections.Values)
        {
            shared.Close();
        }

        _connections.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var shared in _connections.Values)
        {
            await shared.CloseAsync().ConfigureAwait(false);
        }

        _connections.Clear();
    }

    private sealed class SharedConnection
    {
        private readonly ConfigurationOptions _options;
        private readonly Lock _gate = new();
        private Task<ConnectionMultiplexer>? _connecting;
        private ConnectionMultiplexer? _connection;
        private bool _closed;

        public SharedConnection(string connectionString)
        {
            _options = ConfigurationOptions.Parse(connectionString);

            // Like abortConnect=false: an unreachable server at start-up is not fatal; the multiplexer retries.
            _options.AbortOnConnectFail = false;
            Endpoints = RedisEndpoints.Describe(_options);
        }

        public string Endpoints { get; }

        private TimeSpan ConnectTimeout => TimeSpan.FromMilliseconds(_options.ConnectTimeout);

        public async Task<ConnectionMultiplexer> GetConnectedAsync(CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            ConnectionMultiplexer connection;
            try
            {
                // The shared connect is not cancelled by one caller giving up; the caller only stops waiting.
                connection = await Connecting().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or ObjectDisposedException))
            {
                throw new RedisUnavailableException(Endpoints, Stopwatch.GetElapsedTime(started), ex);
            }

            while (!connection.IsConnected)
            {
                if (Stopwatch.GetElapsedTime(started) >= ConnectTimeout)
                {
                    throw new RedisUnavailableException(Endpoints, ConnectTimeout);
                }

                // The multiplexer reconnects on its own heartbeat; this only waits for it.
                await Task.Delay(ConnectedPollInterval, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }

        public void Close()
        {
            if (TakeForClose() is { } connection)
            {
                connection.Close(allowCommandsToComplete: false);
                connection.Dispose();
            }
        }

        public async Task CloseAsync()
        {
            if (TakeForClose() is { } connection)
            {
                await connection.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
                connection.Dispose();
            }
        }

        private ConnectionMultiplexer? TakeForClose()
        {
            lock (_gate)
            {
                _closed = true;
                var connection = _connection;
                _connection = null;
                return connection;
            }
        }

        private Task<ConnectionMultiplexer> Connecting()
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_closed, typeof(RedisConnectionFactory));

                // A failed connect attempt is retried by the next caller rather than cached forever.
                if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
                {
                    _connecting = ConnectAsync();
                }

                return _connecting;
            }
        }

        private async Task<ConnectionMultiplexer> ConnectAsync()
        {
            var connection = await ConnectionMultiplexer.ConnectAsync(_options).ConfigureAwait(false);
            bool closed;
            lock (_gate)
            {
                closed = _closed;
                if (!closed)
                {
                    _connection = connection;
                }
            }

            // Closed while connecting: nobody else will dispose it.
            if (closed)
            {
                connection.Dispose();
                throw new ObjectDisposedException(nameof(RedisConnectionFactory));
            }

            return connection;
        }
    }
}
