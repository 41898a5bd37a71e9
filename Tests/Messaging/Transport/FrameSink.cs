using System.Buffers;
using MultiAgent.Runtime.Messaging.Transport;

namespace MultiAgent.Tests.Messaging.Transport;

/// <summary>Keeps a copy of every frame it receives, in arrival order, and the close reasons it is told about.</summary>
internal sealed class FrameSink : IFrameHandler
{
    private readonly Lock _gate = new();
    private readonly List<byte[]> _frames = [];
    private readonly List<ConnectionCloseReason> _closeReasons = [];

    /// <summary>Runs after a frame is recorded, e.g. to echo it or to throw.</summary>
    public Action<FrameConnection, byte[]>? OnEach { get; init; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _frames.Count;
            }
        }
    }

    public IReadOnlyList<byte[]> Frames
    {
        get
        {
            lock (_gate)
            {
                return [.. _frames];
            }
        }
    }

    public IReadOnlyList<ConnectionCloseReason> CloseReasons
    {
        get
        {
            lock (_gate)
            {
                return [.. _closeReasons];
            }
        }
    }

    public void OnFrame(FrameConnection connection, ReadOnlySequence<byte> payload)
    {
        var copy = payload.ToArray();
        lock (_gate)
        {
            _frames.Add(copy);
        }

        OnEach?.Invoke(connection, copy);
    }

    public void OnClosed(FrameConnection connection, ConnectionCloseReason reason)
    {
        lock (_gate)
        {
            _closeReasons.Add(reason);
        }
    }
}
