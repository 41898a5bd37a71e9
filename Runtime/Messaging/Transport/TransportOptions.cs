using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>Settings of the TCP frame transport. Section <c>MultiAgent:Transport</c>.</summary>
public sealed class TransportOptions
{
    public const string SectionName = ConfigurationKeys.Root + ":Transport";

    /// <summary>Largest payload a frame may carry, in bytes; a peer announcing more is cut off as a protocol violation.</summary>
    public int MaxFrameSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>Connections kept to each remote endpoint; sends are spread over them round-robin.</summary>
    public int ConnectionsPerEndpoint { get; set; } = 1;

    /// <summary>How long establishing a connection may take, retries included, before the caller gets an error naming the endpoint.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First back-off between failed connection attempts; it doubles (with jitter) up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest back-off between failed connection attempts.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Disables Nagle's algorithm: frames are latency-sensitive and the transport batches by itself.</summary>
    public bool SocketNoDelay { get; set; } = true;

    /// <summary>Queued-but-unsent bytes above which <c>SendAsync</c> waits (back-pressure for bulk senders).</summary>
    public int SendPauseThreshold { get; set; } = 1024 * 1024;

    /// <summary>Queued-but-unsent bytes below which waiting senders resume.</summary>
    public int SendResumeThreshold { get; set; } = 512 * 1024;

    /// <summary>Queued-but-unsent bytes at which <c>TrySend</c> refuses frames, so a peer that stops reading cannot exhaust memory.</summary>
    public long MaxPendingSendBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How long an accepted connection may take to send its first (handshake) frame.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a graceful close may spend draining queued frames before the connection is aborted.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Pending-accept queue length of a listener.</summary>
    public int ListenBacklog { get; set; } = 512;

    /// <summary>
    /// Sends every frame with its own socket call instead of coalescing. Only for measuring what batching buys;
    /// internal so configuration binding never sees it.
    /// </summary>
    internal bool SendEachFrameSeparately { get; set; }
}
