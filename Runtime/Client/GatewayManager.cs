using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Messaging.Connections;
using MultiAgent.Runtime.Messaging.Transport;

namespace MultiAgent.Runtime.Client;

/// <summary>
/// The client's gateways: where they are (a fixed list, or the active silos' gateway ports in the
/// membership table, re-read periodically), connections to them (each greeted with a handshake and
/// answered with the cluster's grain types), and round-robin choice that skips recently failed ones.
/// </summary>
internal sealed partial class GatewayManager : IAsyncDisposable
{
    private static readonly TimeSpan FailedGatewayQuarantine = TimeSpan.FromSeconds(2);

    private readonly ClusterClientOptions _options;
    private readonly IMembershipTable? _membership;
    private readonly ConnectionPool _pool;
    private readonly ConcurrentDictionary<FrameConnection, TaskCompletionSource<GatewayWelcome>> _welcomes = new();
    private readonly ConcurrentDictionary<EndPoint, DateTime> _failedUntil = new();
    private readonly ILogger _logger;
    private EndPoint[] _gateways = [];
    private int _next;

    public GatewayManager(ClusterClientOptions options, IMembershipTable? membership, IFrameHandler responses, ILoggerFactory loggerFactory)
    {
        _options = options;
        _membership = membership;
        _logger = loggerFactory.CreateLogger<GatewayManager>();
        var transport = new TransportOptions { ConnectTimeout = TimeSpan.FromSeconds(2) };
        _pool = new ConnectionPool(new WelcomeFilter(this, responses), transport, loggerFactory, GreetAsync);
    }

    /// <summary>Raised with each gateway's welcome: the grain types the cluster hosts.</summary>
    public event Action<GatewayWelcome>? Welcomed;

    public IReadOnlyList<EndPoint> Gateways => Volatile.Read(ref _gateways);

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var found = new List<EndPoint>();
        if (_membership is not null)
        {
            try
            {
                var snapshot = await _membership.ReadAllAsync(cancellationToken);
                foreach (var row in snapshot.Rows)
                {
                    if (row.Entry.Status == SiloStatus.Active && GatewayEndpoints.TryParse(row.Entry.GatewayEndpoint, out var endpoint))
                    {
                        found.Add(endpoint);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogDiscoveryFailed(e.Message);
                if (Gateways.Count > 0)
                {
                    return; // keep the last known list rather than forget every gateway
                }
            }
        }

        foreach (var configured in _options.Gateways)
        {
            if (GatewayEndpoints.TryParse(configured, out var endpoint) && !found.Contains(endpoint))
            {
                found.Add(endpoint);
            }
        }

        Volatile.Write(ref _gateways, [.. found]);
    }

    /// <summary>A connection to some live gateway; tries each known gateway once, in turn.</summary>
    public async ValueTask<FrameConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        var gateways = Volatile.Read(ref _gateways);
        if (gateways.Length == 0)
        {
            throw new SiloUnavailableException($"No gateway of cluster '{_options.ClusterId}' is known: no active silo in the membership table and none configured.");
        }

        Exception? last = null;
        var start = Interlocked.Increment(ref _next);
        for (var i = 0; i < gateways.Length; i++)
        {
            var gateway = gateways[(int)((uint)(start + i) % (uint)gateways.Length)];
            if (_failedUntil.TryGetValue(gateway, out var until) && until > DateTime.UtcNow && i < gateways.Length - 1)
            {
                continue;
            }

            try
            {
                var connecting = _pool.GetConnectionAsync(gateway, cancellationToken);
                var connection = connecting.IsCompletedSuccessfully ? connecting.Result : await connecting;
                _failedUntil.TryRemove(gateway, out _);
                return connection;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _failedUntil[gateway] = DateTime.UtcNow + FailedGatewayQuarantine;
                last = e;
            }
        }

        throw new SiloUnavailableException($"No gateway of cluster '{_options.ClusterId}' answers (tried {string.Join(", ", gateways.AsEnumerable())}): {last?.Message}");
    }

    // Runs on each new connection before it is used: say who we are, wait for the gateway's welcome.
    private async ValueTask GreetAsync(FrameConnection connection, CancellationToken cancellationToken)
    {
        var welcome = new TaskCompletionSource<GatewayWelcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _welcomes[connection] = welcome;
        try
        {
            connection.TrySend(new Handshake(PeerKind.Client, _options.ClusterId, $"client-{Environment.MachineName}-{Environment.ProcessId}").ToFrame());
            var answer = await welcome.Task.WaitAsync(cancellationToken);
            Welcomed?.Invoke(answer);
        }
        catch (Exception) when (connection.Closed.IsCompleted)
        {
            throw new IOException($"Gateway {connection.RemoteEndPoint} refused the connection (is it a silo of cluster '{_options.ClusterId}'?).");
        }
        finally
        {
            _welcomes.TryRemove(connection, out _);
        }
    }

    public async ValueTask DisposeAsync() => await _pool.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read gateways from the membership table: {Reason}")]
    private partial void LogDiscoveryFailed(string reason);

    /// <summary>Takes a gateway's welcome frame off the stream; passes every other frame on.</summary>
    private sealed class WelcomeFilter(GatewayManager manager, IFrameHandler next) : IFrameHandler
    {
        public void OnFrame(FrameConnection connection, ReadOnlySequence<byte> payload)
        {
            if (manager._welcomes.TryGetValue(connection, out var waiting) && GatewayWelcome.IsWelcome(payload))
            {
                try
                {
                    waiting.TrySetResult(GatewayWelcome.Parse(payload));
                }
                catch (FormatException e)
                {
                    waiting.TrySetException(e);
                }

                return;
            }

            next.OnFrame(connection, payload);
        }

        public void OnClosed(FrameConnection connection, ConnectionCloseReason reason)
        {
            if (manager._welcomes.TryGetValue(connection, out var waiting))
            {
                waiting.TrySetException(new IOException($"Gateway {connection.RemoteEndPoint} closed the connection: {reason}"));
            }

            next.OnClosed(connection, reason);
        }
    }
}
