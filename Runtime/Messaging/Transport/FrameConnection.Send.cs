using System.Buffers;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>The send side: frames are written into the output pipe under a short lock, then the flush loop is woken.</summary>
internal sealed partial class FrameConnection
{
    // Guarded by _writeLock.
    private long _bufferedBytes;
    private long _framesSent;
    private bool _flushRequested;
    private TaskCompletionSource? _capacityWaiter;

    public long FramesSent
    {
        get
        {
            lock (_writeLock)
            {
                return _framesSent;
            }
        }
    }

    /// <summary>Bytes queued but not yet handed to the socket.</summary>
    public long PendingSendBytes
    {
        get
        {
            lock (_writeLock)
            {
                return _bufferedBytes;
            }
        }
    }

    /// <summary>
    /// Queues one frame (the payload is copied) and returns at once. False when the connection is closing or closed,
    /// or when <see cref="TransportOptions.MaxPendingSendBytes"/> are already queued because the peer is not reading.
    /// </summary>
    public bool TrySend(ReadOnlySpan<byte> payload)
    {
        ThrowIfTooLarge(payload.Length);
        bool wake;
        lock (_writeLock)
        {
            if (_state != StateOpen || _bufferedBytes >= _maxPendingSendBytes)
            {
                return false;
            }

            WriteFrame(payload);
            wake = FrameQueued(payload.Length);
        }

        if (wake)
        {
            _flushSignal.Set();
        }

        return true;
    }

    /// <summary>
    /// Queues one frame whose payload <paramref name="frameWriter"/> encodes directly into the send buffer (no copy).
    /// The writer runs under the send lock, so keep it to encoding; if it throws, nothing is queued. Same refusals as
    /// <see cref="TrySend(ReadOnlySpan{byte})"/>.
    /// </summary>
    public bool TrySend<TWriter>(TWriter frameWriter)
        where TWriter : IFrameWriter
    {
        // An 'is null' test, not ThrowIfNull(object): it costs nothing for struct writers instead of boxing them.
        if (frameWriter is null)
        {
            throw new ArgumentNullException(nameof(frameWriter));
        }

        var length = frameWriter.PayloadLength;
        ThrowIfTooLarge(length);
        bool wake;
        lock (_writeLock)
        {
            if (_state != StateOpen || _bufferedBytes >= _maxPendingSendBytes)
            {
                return false;
            }

            var frameSize = FrameCodec.HeaderSize + length;
            var frame = _output.Writer.GetSpan(frameSize)[..frameSize];
            frameWriter.Write(frame[FrameCodec.HeaderSize..]);
            FrameCodec.WriteHeader(frame, length);
            _output.Writer.Advance(frameSize);
            wake = FrameQueued(length);
        }

        if (wake)
        {
            _flushSignal.Set();
        }

        return true;
    }

    /// <summary>
    /// Queues one frame, first waiting while more than <see cref="TransportOptions.SendPauseThreshold"/> bytes are
    /// queued (back-pressure for bulk senders). False when the connection is closing or closed.
    /// </summary>
    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ThrowIfTooLarge(payload.Length);
        while (true)
        {
            var outcome = TryQueueBelowPauseThreshold(payload.Span, out var capacity);
            if (outcome is not null)
            {
                return outcome.Value;
            }

            await capacity!.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Null with <paramref name="capacity"/> set when the caller must wait for the queue to drain.</summary>
    private bool? TryQueueBelowPauseThreshold(ReadOnlySpan<byte> payload, out Task? capacity)
    {
        capacity = null;
        bool wake;
        lock (_writeLock)
        {
            if (_state != StateOpen)
            {
                return false;
            }

            if (_bufferedBytes >= _sendPauseThreshold)
            {
                _capacityWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                capacity = _capacityWaiter.Task;
                return null;
            }

            WriteFrame(payload);
            wake = FrameQueued(payload.Length);
        }

        if (wake)
        {
            _flushSignal.Set();
        }

        return true;
    }

    // Caller holds _writeLock.
    private void WriteFrame(ReadOnlySpan<byte> payload)
    {
        var writer = _output.Writer;
        var frameSize = FrameCodec.HeaderSize + payload.Length;
        var span = writer.GetSpan(FrameCodec.HeaderSize);
        FrameCodec.WriteHeader(span, payload.Length);
        if (span.Length >= frameSize)
        {
            payload.CopyTo(span[FrameCodec.HeaderSize..]);
            writer.Advance(frameSize);
            return;
        }

        // Larger than what is left of the segment: let the pipe spread it over segments rather than demand one block.
        writer.Advance(FrameCodec.HeaderSize);
        writer.Write(payload);
    }

    /// <summary>Caller holds _writeLock. True when the flush loop must be woken; false when a wake-up is already due.</summary>
    private bool FrameQueued(int payloadLength)
    {
        _bufferedBytes += FrameCodec.HeaderSize + payloadLength;
        _framesSent++;
        if (_flushRequested)
        {
            return false;
        }

        _flushRequested = true;
        return true;
    }

    // Caller holds _writeLock.
    private TaskCompletionSource? TakeCapacityWaiter()
    {
        var waiter = _capacityWaiter;
        _capacityWaiter = null;
        return waiter;
    }

    private void ThrowIfTooLarge(int payloadLength)
    {
        if ((uint)payloadLength > (uint)_maxFrameSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(payloadLength),
                payloadLength,
                $"A frame payload must be 0..{_maxFrameSize} bytes ({TransportOptions.SectionName}:{nameof(TransportOptions.MaxFrameSize)}); the peer would reject it.");
        }
    }
}
