using System.Buffers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Activation;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Messaging.Connections;
using MultiAgent.Runtime.Messaging.Serialization;
using MultiAgent.Runtime.Messaging.Transport;
using MultiAgent.Runtime.Metadata;
using MultiAgent.Runtime.Placement;

namespace MultiAgent.Runtime.Messaging;

/// <summary>
/// A silo's messaging: accepts connections from silos and clients (after a handshake naming the
/// cluster), runs incoming requests in local activations or forwards client requests to the owning
/// silo, sends calls to other silos over pooled connections, and matches responses to waiting calls.
/// </summary>
internal sealed partial class MessageCenter : IConnectionAcceptor, IRemoteCallSender, IAsyncDisposable
{
    private readonly IServiceProvider _services;
    private readonly PendingCallRegistry _pending;
    private readonly GrainTypeManifest _manifest;
    private readonly string _clusterId;
    private readonly ILogger _logger;
    private readonly ConnectionPool _silos;
    private readonly InboundHandler _fromSilos;
    private readonly InboundHandler _fromClients;
    private readonly Lazy<Catalog> _catalog;
    private readonly Lazy<IGrainPlacement> _placement;
    private readonly Lazy<LocalSiloDetails> _local;
    private readonly Lazy<string> _localName;

    public MessageCenter(
        IServiceProvider services,
        PendingCallRegistry pending,
        GrainTypeManifest manifest,
        IOptions<SiloOptions> siloOptions,
        IOptions<TransportOptions> transportOptions,
        ILoggerFactory loggerFactory)
    {
        _services = services;
        _pending = pending;
        _manifest = manifest;
        _clusterId = siloOptions.Value.ClusterId;
        _logger = loggerFactory.CreateLogger<MessageCenter>();
        Codec = new MessageCodec(new ManifestWireMetadata(manifest), services.GetRequiredService<IGrainReferenceRuntime>);
        _fromSilos = new InboundHandler(this, PeerKind.Silo);
        _fromClients = new InboundHandler(this, PeerKind.Client);
        _catalog = new(services.GetRequiredService<Catalog>);
        _placement = new(services.GetRequiredService<IGrainPlacement>);
        _local = new(() => services.GetRequiredService<SiloEndpoints>().Details);
        _localName = new(() => _local.Value.SiloAddress.ToString());
        _silos = new ConnectionPool(_fromSilos, transportOptions.Value, loggerFactory, SendSiloHandshakeAsync);
    }

    public MessageCodec Codec { get; }

    private SiloAddress LocalSilo => _local.Value.SiloAddress;

    IFrameHandler? IConnectionAcceptor.OnHandshake(FrameConnection connection, ReadOnlySequence<byte> firstFrame)
    {
        Handshake handshake;
        try
        {
            handshake = Handshake.Parse(firstFrame);
        }
        catch (FormatException e)
        {
            LogRefused(connection.RemoteEndPoint, e.Message);
            return null;
        }

        if (!string.Equals(handshake.ClusterId, _clusterId, StringComparison.Ordinal))
        {
            LogRefused(connection.RemoteEndPoint, $"{handshake.Kind} {handshake.SenderId} belongs to cluster '{handshake.ClusterId}', this silo to '{_clusterId}'");
            return null;
        }

        if (handshake.Kind == PeerKind.Silo)
        {
            return _fromSilos;
        }

        connection.TrySend(new GatewayWelcome(_localName.Value, GrainTypesByInterface()).ToFrame());
        return _fromClients;
    }

    private Dictionary<string, string> GrainTypesByInterface()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var grainInterface in _manifest.GrainInterfaces)
        {
            try
            {
                map[grainInterface.InterfaceType.FullName!] = _manifest.GetImplementation(grainInterface.InterfaceType).GrainType;
            }
            catch (ArgumentException)
            {
                // No (or no single) implementation here: clients get the same clear error from GetGrain.
            }
        }

        return map;
    }

    private ValueTask SendSiloHandshakeAsync(FrameConnection connection, CancellationToken cancellationToken)
    {
        connection.TrySend(new Handshake(PeerKind.Silo, _clusterId, _localName.Value).ToFrame());
        return ValueTask.CompletedTask;
    }

    /// <summary>Encodes <paramref name="message"/> and queues it on <paramref name="connection"/>; false if the connection is gone.</summary>
    internal bool TrySend(FrameConnection connection, WireMessage message)
    {
        var buffer = ScratchBuffer;
        buffer.ResetWrittenCount();
        Codec.Write(message, buffer);
        return connection.TrySend(buffer.WrittenSpan);
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _scratch;

    private static ArrayBufferWriter<byte> ScratchBuffer => _scratch ??= new ArrayBufferWriter<byte>(4096);

    public async ValueTask DisposeAsync() => await _silos.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a connection from {RemoteEndPoint}: {Reason}")]
    private partial void LogRefused(System.Net.EndPoint? remoteEndPoint, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a malformed message from {RemoteEndPoint}: {Reason}")]
    private partial void LogMalformed(System.Net.EndPoint? remoteEndPoint, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped a response for call {CallId}: the caller is no longer waiting")]
    private partial void LogOrphanResponse(long callId);
}
