using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Messaging.Transport;

namespace MultiAgent.Runtime.Messaging;

/// <summary>
/// The silo's listeners, bound when first needed so the real ports (0 = any free one) are known
/// before the silo writes its address into the membership table.
/// </summary>
internal sealed class SiloEndpoints : IAsyncDisposable
{
    private readonly FrameListener _siloListener;
    private readonly FrameListener? _gatewayListener;

    public SiloEndpoints(
        MessageCenter messageCenter,
        IOptions<EndpointOptions> endpointOptions,
        IOptions<TransportOptions> transportOptions,
        IOptions<SiloOptions> siloOptions,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        var options = endpointOptions.Value;
        var listen = IPAddress.Parse(options.ListenAddress);
        _siloListener = Bind(new IPEndPoint(listen, options.SiloPort), "silo");
        if (options.GatewayPort >= 0)
        {
            _gatewayListener = Bind(new IPEndPoint(listen, options.GatewayPort), "gateway");
        }

        Details = new LocalSiloDetails(
            SiloAddress.New(options.AdvertisedHost, _siloListener.LocalEndPoint.Port, timeProvider),
            siloOptions.Value.SiloName,
            _gatewayListener?.LocalEndPoint.Port ?? 0);

        FrameListener Bind(IPEndPoint endpoint, string purpose)
        {
            var listener = new FrameListener(endpoint, messageCenter, transportOptions.Value, loggerFactory, timeProvider);
            try
            {
                listener.Start();
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(
                    $"The {purpose} endpoint {endpoint} cannot be bound ({e.Message}); set {EndpointOptions.SectionName}:{(purpose == "silo" ? "SiloPort" : "GatewayPort")} to a free port.", e);
            }

            return listener;
        }
    }

    public LocalSiloDetails Details { get; }

    /// <summary>Graceful: queued frames go out and peers see a clean close (no "connection reset" on their side).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _siloListener.StopAsync(cancellationToken);
        if (_gatewayListener is not null)
        {
            await _gatewayListener.StopAsync(cancellationToken);
        }
    }

    /// <summary>Abortive: as a crash would drop them.</summary>
    public async ValueTask DisposeAsync()
    {
        await _siloListener.DisposeAsync();
        if (_gatewayListener is not null)
        {
            await _gatewayListener.DisposeAsync();
        }
    }
}
