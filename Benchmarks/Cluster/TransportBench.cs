using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Threading.Tasks.Sources;
using Microsoft.Extensions.Logging.Abstractions;
using MultiAgent.Benchmarks.Reporting;
using MultiAgent.Runtime.Messaging.Transport;

namespace MultiAgent.Benchmarks.Cluster;

/// <summary>
/// The ceilings of the cluster figures: our frame transport alone (FrameListener + ConnectionPool over loopback TCP,
/// default options), with an echo server that answers each frame from its receive path. Both ends live in this
/// process; nothing but the transport runs between a send and its reply.
/// </summary>
internal static class TransportBench
{
    private const int PayloadSize = 32;

    /// <summary>One 32-byte frame outstanding; returns the round-trip p50 and p99 in µs.</summary>
    public static async Task<(double P50Us, double P99Us, int Samples)> PingPongAsync(TimeSpan warmup, TimeSpan duration)
    {
        var client = new PingPongClient();
        await using var link = await Link.OpenAsync(client);
        var payload = new byte[PayloadSize];

        // The loop resumes inline on the connection's receive path (see PingPongClient), so a round trip costs what
        // the transport costs: two sends, each woken flush loop, two socket reads.
        await RoundTripsAsync(link.Connection, client, payload, warmup, recorder: null);
        var recorder = new LatencyRecorder(4_000_000);
        await RoundTripsAsync(link.Connection, client, payload, duration, recorder);
        return (LatencyRecorder.Percentile([recorder], 50), LatencyRecorder.Percentile([recorder], 99), recorder.Count);
    }

    /// <summary>Request/response frames per second with <paramref name="window"/> requests in flight; each reply releases the next request.</summary>
    public static async Task<(double Rps, double FramesPerSend)> PipelinedAsync(int window, TimeSpan warmup, TimeSpan duration)
    {
        var client = new PipelinedClient();
        await using var link = await Link.OpenAsync(client);
        client.Start(link.Connection, window, new byte[PayloadSize]);

        await Task.Delay(warmup);
        var (replies0, frames0, sends0) = (client.Replies, link.Connection.FramesSent, link.Connection.SendCalls);
        var start = Stopwatch.GetTimestamp();
        await Task.Delay(duration);
        var (replies1, frames1, sends1) = (client.Replies, link.Connection.FramesSent, link.Connection.SendCalls);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await client.StopAsync();
        return ((replies1 - replies0) / elapsed, (double)(frames1 - frames0) / Math.Max(1, sends1 - sends0));
    }

    private static async Task RoundTripsAsync(FrameConnection connection, PingPongClient client, byte[] payload, TimeSpan duration, LatencyRecorder? recorder)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            if (start >= end)
            {
                return;
            }

            var reply = client.Expect();
            if (!connection.TrySend(payload))
            {
                throw new IOException($"{connection} refused a frame.");
            }

            await reply;
            recorder?.Record(Stopwatch.GetTimestamp() - start);
        }
    }

    /// <summary>An echo listener and one pooled client connection to it.</summary>
    private sealed class Link : IAsyncDisposable
    {
        private readonly FrameListener _listener;
        private readonly ConnectionPool _pool;

        private Link(FrameListener listener, ConnectionPool pool, FrameConnection connection)
        {
            _listener = listener;
            _pool = pool;
            Connection = connection;
        }

        public FrameConnection Connection { get; }

        public static async Task<Link> OpenAsync(IFrameHandler client)
        {
            var options = new TransportOptions();
            var listener = new FrameListener(new IPEndPoint(IPAddress.Loopback, 0), new EchoAcceptor(), options, NullLoggerFactory.Instance);
            listener.Start();
            var pool = new ConnectionPool(client, options, NullLoggerFactory.Instance, static (connection, _) =>
            {
                // The listener's first frame is the handshake; the echo acceptor takes anyone.
                connection.TrySend("bench"u8);
                return ValueTask.CompletedTask;
            });
            try
            {
                var connection = await pool.GetConnectionAsync(listener.LocalEndPoint);
                return new Link(listener, pool, connection);
            }
            catch
            {
                await pool.DisposeAsync();
                await listener.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _pool.DisposeAsync();
            await _listener.StopAsync();
        }
    }

    /// <summary>Server side: every frame goes straight back on the connection it came from.</summary>
    private sealed class EchoAcceptor : IConnectionAcceptor, IFrameHandler
    {
        public IFrameHandler? OnHandshake(FrameConnection connection, ReadOnlySequence<byte> firstFrame) => this;

        public void OnFrame(FrameConnection connection, ReadOnlySequence<byte> payload)
        {
            if (payload.IsSingleSegment)
            {
                connection.TrySend(payload.FirstSpan);
            }
            else
            {
                connection.TrySend(payload.ToArray());
            }
        }
    }

    /// <summary>
    /// Client side of the ping-pong: an allocation-free awaitable completed by the next reply. Continuations run
    /// inline (on the receive path), so no thread-pool hop is added to what the transport itself costs.
    /// </summary>
    private sealed class PingPongClient : IFrameHandler, IValueTaskSource
    {
        private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = false };

        /// <summary>Arms the waiter; call before sending, so a fast reply cannot be missed.</summary>
        public ValueTask Expect()
        {
            _core.Reset();
            return new ValueTask(this, _core.Version);
        }

        public void OnFrame(FrameConnection connection, ReadOnlySequence<byte> payload) => _core.SetResult(true);

        void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

        ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

        void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }

    /// <summary>Client side of the pipelined run: keeps a fixed window of requests in flight by re-sending from the receive path.</summary>
    private sealed class PipelinedClient : IFrameHandler
    {
        private byte[] _payload = [];
        private volatile bool _running;
        private long _replies;
        private int _outstanding;
        private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Replies => Interlocked.Read(ref _replies);

        public void Start(FrameConnection connection, int window, byte[] payload)
        {
            _payload = payload;
            _outstanding = window;
            _running = true;
            for (var i = 0; i < window; i++)
            {
                connection.TrySend(payload);
            }
        }

        /// <summary>Stops re-sending and waits until every request in flight has had its reply.</summary>
        public Task StopAsync()
        {
            _running = false;
            return _drained.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }

        public void OnFrame(FrameConnection connection, ReadOnlySequence<byte> payload)
        {
            Interlocked.Increment(ref _replies);
            if (_running && connection.TrySend(_payload))
            {
                return;
            }

            if (Interlocked.Decrement(ref _outstanding) == 0)
            {
                _drained.TrySetResult();
            }
        }
    }
}
