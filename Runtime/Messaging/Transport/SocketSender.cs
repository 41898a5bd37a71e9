using System.Buffers;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>Writes a buffered batch to a socket with as few system calls as possible: one per batch, gathering segments.</summary>
internal sealed class SocketSender(Socket socket)
{
    // Reused across batches; only the flush loop uses a sender, so no locking.
    private readonly List<ArraySegment<byte>> _segments = [];

    /// <summary>Number of socket send calls made, to show what batching achieves.</summary>
    public long SendCalls { get; private set; }

    public ValueTask SendAsync(ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.IsSingleSegment)
        {
            return SendAsync(buffer.First, cancellationToken);
        }

        return SendGatheredAsync(buffer, cancellationToken);
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> memory, CancellationToken cancellationToken)
    {
        // Stream sockets normally take everything at once; the loop covers a partial send all the same.
        while (!memory.IsEmpty)
        {
            SendCalls++;
            var sent = await socket.SendAsync(memory, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            memory = memory[sent..];
        }
    }

    private async ValueTask SendGatheredAsync(ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        _segments.Clear();
        foreach (var segment in buffer)
        {
            if (!MemoryMarshal.TryGetArray(segment, out var array))
            {
                // Not array-backed (a custom pool): fall back to one call per segment.
                foreach (var memory in buffer)
                {
                    await SendAsync(memory, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            _segments.Add(array);
        }

        SendCalls++;
        // The list overload has no token: an abort disposes the socket, which ends the call.
        var sent = await socket.SendAsync(_segments, SocketFlags.None).ConfigureAwait(false);
        _segments.Clear();
        if (sent < buffer.Length)
        {
            foreach (var memory in buffer.Slice(sent))
            {
                await SendAsync(memory, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
