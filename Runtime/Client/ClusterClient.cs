using System.Buffers;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Messaging;
using MultiAgent.Runtime.Messaging.Serialization;
using MultiAgent.Runtime.Messaging.Transport;
using MultiAgent.Runtime.Metadata;
using MultiAgent.Runtime.Redis;

namespace MultiAgent.Runtime.Client;

/// <summary>
/// Calls grains from outside the cluster through its gateways, spreading calls over them, moving
/// to another when one goes away, and enforcing each call's deadline.
/// </summary>
public sealed partial class ClusterClient : IClusterClient, IGrainReferenceRuntime
{
    private readonly ClusterClientOptions _options;
    private readonly PendingCallRegistry _pending;
    private readonly ClientGrainTypeResolver _grainTypes;
    private readonly GrainFactory _grainFactory;
    private readonly MessageCodec _codec;
    private readonly GatewayManager _gateways;
    private readonly RedisConnectionFactory? _redis;
    private readonly IMembershipTable? _membership;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposing = new();
    private Task _refreshLoop = Task.CompletedTask;

    public ClusterClient(ClusterClientOptions options, ILoggerFactory? loggerFactory = null, IEnumerable<Assembly>? grainAssemblies = null)
    {
        var validation = new ClusterClientOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(ClusterClientOptions.SectionName, typeof(ClusterClientOptions), validation.Failures);
        }

        loggerFactory ??= NullLoggerFactory.Instance;
        _options = options;
        _logger = loggerFactory.CreateLogger<ClusterClient>();
        var manifest = new GrainTypeManifest();
        foreach (var assembly in GrainAssemblyDiscovery.Discover().Concat(grainAssemblies ?? []))
        {
            manifest.AddAssembly(assembly);
        }

        _pending = new PendingCallRegistry(Options.Create(new MessagingOptions()));
        _grainTypes = new ClientGrainTypeResolver(options.ClusterId);
        _grainFactory = new GrainFactory(manifest, _grainTypes, this);
        _codec = new MessageCodec(new ManifestWireMetadata(manifest), () => this);

        IMembershipTable? membership = null;
        if (!string.IsNullOrWhiteSpace(options.MembershipConnectionString))
        {
            _redis = new RedisConnectionFactory();
            membership = new RedisMembershipTable(
                new RedisMembershipOptions { ConnectionString = options.MembershipConnectionString, KeyPrefix = options.MembershipKeyPrefix, ClusterId = options.ClusterId },
                _redis,
                loggerFactory.CreateLogger<RedisMembershipTable>());
        }

        _membership = membership;
        _gateways = new GatewayManager(options, membership, new ResponseHandler(this), loggerFactory);
        _gateways.Welcomed += _grainTypes.Update;
    }

    public bool IsConnected { get; private set; }

    public IGrainFactory GrainFactory => this;

    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        Exception? last = null;
        while (!IsConnected)
        {
            try
            {
                await _gateways.RefreshAsync(timeout.Token);
                await _gateways.GetConnectionAsync(timeout.Token);
                IsConnected = true;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SiloUnavailableException(
                    $"Could not connect to cluster '{_options.ClusterId}' within {_options.ConnectTimeout}: {last?.Message ?? "no gateway answered"}");
            }
            catch (Exception e) when (e is SiloUnavailableException or IOException or MembershipTableException)
            {
                last = e;
                await Task.Delay(200, timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        LogConnected(_options.ClusterId, _gateways.Gateways.Count);
        _refreshLoop = RefreshGatewaysAsync(_disposing.Token);
    }

    /// <summary>The cluster's silos from its membership table (needs <see cref="ClusterClientOptions.MembershipConnectionString"/>).</summary>
    public async Task<IReadOnlyList<ClusterMember>> GetClusterMembersAsync(CancellationToken cancellationToken = default)
    {
        if (_membership is null)
        {
            throw new InvalidOperationException($"Listing members needs the membership table: set {ClusterClientOptions.SectionName}:MembershipConnectionString.");
        }

        var snapshot = await _membership.ReadAllAsync(cancellationToken);
        return [.. snapshot.Rows.Select(r => new ClusterMember(
            r.Entry.SiloAddress.ToString(), r.Entry.SiloName, r.Entry.Status.ToString(), r.Entry.GatewayEndpoint, r.Entry.StartTime, r.Entry.IAmAliveTime))];
    }

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey => _grainFactory.GetGrain<TGrainInterface>(primaryKey);

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey => _grainFactory.GetGrain<TGrainInterface>(primaryKey);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey) where TGrainInterface : IGrainWithIntegerKey => _grainFactory.GetGrain<TGrainInterface>(primaryKey);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable => _grainFactory.GetGrain<TGrainInterface>(grainId);

    ValueTask<TResult> IGrainReferenceRuntime.InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        var timeout = GrainCallScope.CurrentTimeout ?? request.Method.ResponseTimeout ?? _options.ResponseTimeout;
        var call = new ClientCall<TResult>(this, target.GrainId, request, timeout);
        _ = SendAsync(call);
        return call.IsOneWay ? new ValueTask<TResult>(default(TResult)!) : new ValueTask<TResult>(call.Task);
    }

    /// <summary>Sends the call again through some gateway after a short back-off; false when it has no attempts or time left.</summary>
    internal bool TryResend(IClientCall call)
    {
        if (!call.TryStartAttempt())
        {
            return false;
        }

        _ = ResendLaterAsync(call);
        return true;
    }

    private async Task ResendLaterAsync(IClientCall call)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50 << Math.Min(call.Attempts, 5), 1000)));
        await SendAsync(call);
    }

    private async Task SendAsync(IClientCall call)
    {
        if (!call.IsOneWay)
        {
            call.CallId = _pending.Register(call);
        }

        FrameConnection connection;
        try
        {
            var connecting = _gateways.GetConnectionAsync(_disposing.Token);
            connection = connecting.IsCompletedSuccessfully ? connecting.Result : await connecting;
        }
        catch (Exception e)
        {
            // Nothing was sent: safe to try again while the gateway list catches up.
            _pending.Remove(call.CallId);
            if (!TryResend(call))
            {
                call.Fail(e as SiloUnavailableException ?? new SiloUnavailableException($"No gateway could take {call.Request.Method.DisplayName} on grain {call.Target}: {e.Message}"));
            }

            return;
        }

        call.Connection = connection;
        var message = WireMessage.ForRequest(call.CallId, call.Target, call.Request, MessageCenter.DeadlineUnixMs(call.Timeout));
        message.TraceParent = System.Diagnostics.Activity.Current?.Id;
        if (!TrySend(connection, message) && _pending.TryRemove(call.CallId, out _) && !TryResend(call))
        {
            call.OnConnectionLost(new IOException($"the connection to gateway {connection.RemoteEndPoint} is closed"));
        }
    }

    private bool TrySend(FrameConnection connection, WireMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        _codec.Write(message, buffer);
        return connection.TrySend(buffer.WrittenSpan);
    }

    private async Task RefreshGatewaysAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.GatewayRefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await _gateways.RefreshAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposing.CancelAsync();
        await _refreshLoop;
        await _gateways.DisposeAsync();
        _pending.Dispose();
        _redis?.Dispose();
        IsConnected = false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to cluster {ClusterId} ({Gateways} gateways known)")]
    private partial void LogConnected(string clusterId, int gateways);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a malformed frame from gateway {Gateway}: {Reason}")]
    private partial void LogMalformed(System.Net.EndPoint? gateway, string reason);

    /// <summary>Responses from gateways, matched to waiting calls; a lost gateway fails the calls it carried.</summary>
    private sealed class ResponseHandler(ClusterClient client) : IFrameHandler
    {
        public void OnFrame(FrameConnection connection, ReadOnlySequence<byte> payload)
        {
            WireMessage response;
            try
            {
                response = client._codec.Read(payload);
            }
            catch (MessageFormatException e)
            {
                client.LogMalformed(connection.RemoteEndPoint, e.Message);
                return;
            }

            if (!response.IsRequest && client._pending.TryRemove(response.Id, out var call) && call is IRemoteCall remote)
            {
                remote.OnResponse(response);
            }
        }

        public void OnClosed(FrameConnection connection, ConnectionCloseReason reason)
        {
            var lost = client._pending.RemoveWhere(c => c is IRemoteCall r && ReferenceEquals(r.Connection, connection));
            var error = new IOException($"gateway {connection.RemoteEndPoint} closed: {reason}");
            foreach (var call in lost)
            {
                ((IRemoteCall)call).OnConnectionLost(error);
            }
        }
    }
}
