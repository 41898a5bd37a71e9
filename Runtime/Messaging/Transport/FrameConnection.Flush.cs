using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>
/// The single flush loop. Senders only copy into the pipe; this loop commits everything queued since its last pass
/// and hands it to the socket in one call. While that call runs, new frames pile up and go out together next pass,
/// so under load the number of system calls falls far below the number of frames.
/// </summary>
internal sealed partial class FrameConnection
{
    private async Task FlushLoopAsync()
    {
        var reader = _output.Reader;
        try
        {
            while (true)
            {
                await _flushSignal.WaitAsync().ConfigureAwait(false);

                ValueTask<FlushResult> commit;
                lock (_writeLock)
                {
                    if (_state == StateClosed)
                    {
                        return;
                    }

                    _flushRequested = false;
                    commit = _output.Writer.FlushAsync();
                }

                // Completes at once: the output pipe never pauses its writer.
                await commit.ConfigureAwait(false);

                long sent = 0;
                if (reader.TryRead(out var result))
                {
                    var batch = result.Buffer;
                    if (!batch.IsEmpty)
                    {
                        await SendBatchAsync(batch).ConfigureAwait(false);
                    }

                    sent = batch.Length;
                    reader.AdvanceTo(batch.End);
                }

                if (BatchSent(sent))
                {
                    ShutdownSend();
                    return;
                }
            }
        }
        catch (Exception) when (Volatile.Read(ref _state) == StateClosed)
        {
            // Aborted while sending: the socket was disposed under the call, which is how an abort ends it.
        }
        catch (Exception ex)
        {
            Fail(new ConnectionCloseReason(ConnectionCloseKind.TransportError, "sending failed", ex));
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            LoopExited();
        }
    }

    private ValueTask SendBatchAsync(ReadOnlySequence<byte> batch)
    {
        return _sendEachFrameSeparately
            ? SendFrameByFrameAsync(batch)
            : _sender.SendAsync(batch, _lifetime.Token);
    }

    /// <summary>The unbatched baseline: one socket call per frame.</summary>
    private async ValueTask SendFrameByFrameAsync(ReadOnlySequence<byte> batch)
    {
        while (FrameCodec.TryPeekLength(batch, out var length))
        {
            var frame = batch.Slice(0, FrameCodec.HeaderSize + length);
            await _sender.SendAsync(frame, _lifetime.Token).ConfigureAwait(false);
            batch = batch.Slice(frame.End);
        }
    }

    /// <summary>Accounts for a sent batch and wakes waiting senders; true when a graceful close has nothing left to send.</summary>
    private bool BatchSent(long bytes)
    {
        TaskCompletionSource? waiter = null;
        bool drained;
        lock (_writeLock)
        {
            _bufferedBytes -= bytes;
            if (_capacityWaiter is not null && _bufferedBytes <= _sendResumeThreshold)
            {
                waiter = TakeCapacityWaiter();
            }

            drained = _state == StateClosing && _bufferedBytes == 0;
        }

        waiter?.TrySetResult();
        return drained;
    }

    /// <summary>Sends FIN after the last frame, so the peer reads everything and then sees a clean end of stream.</summary>
    private void ShutdownSend()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The peer is already gone; the receive side will report it.
        }
    }
}
