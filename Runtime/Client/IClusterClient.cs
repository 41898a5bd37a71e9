namespace MultiAgent.Runtime.Client;

/// <summary>
/// A connection to a cluster from outside it, as Orleans' IClusterClient: <c>GetGrain</c> gives
/// references whose calls go through the cluster's gateways.
/// </summary>
public interface IClusterClient : IGrainFactory, IAsyncDisposable
{
    bool IsConnected { get; }

    /// <summary>Connects to a gateway and learns the cluster's grain types; retries until <c>ConnectTimeout</c>.</summary>
    Task ConnectAsync(CancellationToken cancellationToken = default);
}
