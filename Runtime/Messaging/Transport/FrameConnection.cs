using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>
/// One TCP connection carrying length-prefixed frames in both directions. Three loops run per connection:
/// receive (socket → input pipe), read (input pipe → frames → <see cref="IFrameHandler"/>) and flush
/// (output pipe → socket, one write per batch of queued frames). The last loop to end tears the connection down.
/// </summary>
internal sealed partial class FrameConnection
{
    private const int StateOpen = 0;
    private const int StateClosing = 1;
    private const int StateClosed = 2;

    // Large enough that a burst of small frames fits one segment (one send call), small enough to stay out of the LOH.
    private const int SegmentSize = 16 * 1024;
    private const int MinimumReceiveSize = 4 * 1024;

    private static long s_lastId;

    private readonly Socket _socket;
    private readonly ILogger _logger;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly SocketSender _sender;
    private readonly FlushSignal _flushSignal = new();
    private readonly Lock _writeLock = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource<ConnectionCloseReason> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly int _maxFrameSize;
    private readonly long _maxPendingSendBytes;
    private readonly long _sendPauseThreshold;
    private readonly long _sendResumeThreshold;
    private readonly TimeSpan _closeTimeout;
    private readonly bool _sendEachFrameSeparately;

    private IFrameHandler _handler;
    private ConnectionCloseReason? _closeReason;
    private Exception? _receiveError;
    private Task _receiveLoop = Task.CompletedTask;
    private Task _flushLoop = Task.CompletedTask;
    private int _runningLoops;
    private int _started;
    private int _state;
    private long _framesReceived;

    internal FrameConnection(Socket socket, IFrameHandler handler, TransportOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);

        _socket = socket;
        _handler = handler;
        _logger = logger;
        _socket.NoDelay = options.SocketNoDelay;
        Id = Interlocked.Increment(ref s_lastId);
        RemoteEndPoint = socket.RemoteEndPoint;
        LocalEndPoint = socket.LocalEndPoint;

        _maxFrameSize = options.MaxFrameSize;
        _maxPendingSendBytes = options.MaxPendingSendBytes;
        _sendPauseThreshold = options.SendPauseThreshold;
        _sendResumeThreshold = options.SendResumeThreshold;
        _closeTimeout = options.CloseTimeout;
        _sendEachFrameSeparately = options.SendEachFrameSeparately;
        _sender = new SocketSender(socket);

        // Frames are parsed inline on the receive completion (no thread hop); the reader must be able to hold one
        // whole maximum-size frame, or a large frame could never complete and the connection would stall.
        var inputResume = (long)options.MaxFrameSize + FrameCodec.HeaderSize;
        _input = new Pipe(new PipeOptions(
            readerScheduler: PipeScheduler.Inline,
            writerScheduler: PipeScheduler.ThreadPool,
            pauseWriterThreshold: inputResume + SegmentSize * 4,
            resumeWriterThreshold: inputResume,
            minimumSegmentSize: SegmentSize,
            useSynchronizationContext: false));

        // Never pauses by itself: queued bytes are counted in _bufferedBytes, where TrySend/SendAsync can see them.
        _output = new Pipe(new PipeOptions(
            readerScheduler: PipeScheduler.Inline,
            writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: 0,
            resumeWriterThreshold: 0,
            minimumSegmentSize: SegmentSize,
            useSynchronizationContext: false));
    }

    /// <summary>Process-unique number, for logs.</summary>
    public long Id { get; }

    public EndPoint? RemoteEndPoint { get; }

    public EndPoint? LocalEndPoint { get; }

    /// <summary>True until a close or abort begins; after that <c>TrySend</c> refuses frames.</summary>
    public bool IsOpen => Volatile.Read(ref _state) == StateOpen;

    /// <summary>Completes, never faults, once the connection is fully closed, with the first cause recorded.</summary>
    public Task<ConnectionCloseReason> Closed => _closed.Task;

    public long FramesReceived => Volatile.Read(ref _framesReceived);

    /// <summary>Socket send calls so far; compared with <see cref="FramesSent"/> it shows how well sends are batched.</summary>
    public long SendCalls => _sender.SendCalls;

    public override string ToString() => $"FrameConnection#{Id} {LocalEndPoint} -> {RemoteEndPoint}";

    /// <summary>Starts the loops. The connection is not handed to anyone who may send before this.</summary>
    internal void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException($"{this} is already started.");
        }

        _runningLoops = 3;

        // The loops outlive whoever opened the connection: they must not carry its trace or other ambient state.
        using (ExecutionContext.SuppressFlow())
        {
            _flushLoop = Task.Run(FlushLoopAsync);
            _ = Task.Run(ReadLoopAsync);
            _receiveLoop = Task.Run(ReceiveLoopAsync);
        }
    }

    /// <summary>Routes later frames to another handler; the listener uses it once the handshake frame is accepted.</summary>
    internal void SetHandler(IFrameHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Volatile.Write(ref _handler, handler);
    }
}
