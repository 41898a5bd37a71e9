using System.Net;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>The fixed set of connection slots to one remote endpoint, filled lazily and used round-robin.</summary>
internal sealed class PooledEndpoint
{
    private readonly ConnectionPool _pool;
    private readonly Slot[] _slots;

    // Cancels attempts still connecting when the endpoint is retired, so their waiters fail now rather than at the connect timeout.
    private readonly CancellationTokenSource _retiring = new();
    private int _next = -1;
    private volatile bool _retired;

    public PooledEndpoint(ConnectionPool pool, EndPoint endpoint, int connections)
    {
        _pool = pool;
        EndPoint = endpoint;
        _slots = new Slot[connections];
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new Slot();
        }
    }

    public EndPoint EndPoint { get; }

    /// <summary>Open connections right now.</summary>
    public IEnumerable<FrameConnection> OpenConnections =>
        _slots.Select(s => Volatile.Read(ref s.Connection)).OfType<FrameConnection>().Where(c => c.IsOpen);

    public ValueTask<FrameConnection> GetAsync(CancellationToken cancellationToken)
    {
        var first = (int)((uint)Interlocked.Increment(ref _next) % (uint)_slots.Length);
        if (Volatile.Read(ref _slots[first].Connection) is { IsOpen: true } chosen)
        {
            return new ValueTask<FrameConnection>(chosen);
        }

        var connecting = EnsureConnecting(_slots[first]);

        // Reconnecting one slot should not stall callers while its siblings work.
        for (var i = 1; i < _slots.Length; i++)
        {
            var sibling = _slots[(first + i) % _slots.Length];
            if (Volatile.Read(ref sibling.Connection) is { IsOpen: true } open)
            {
                return new ValueTask<FrameConnection>(open);
            }
        }

        return new ValueTask<FrameConnection>(connecting.WaitAsync(cancellationToken));
    }

    /// <summary>Every connection of the endpoint, open or not, for closing; attempts still running close theirs on arrival.</summary>
    public FrameConnection[] Retire()
    {
        _retired = true;
        _retiring.Cancel();
        var taken = new List<FrameConnection>();
        foreach (var slot in _slots)
        {
            lock (slot)
            {
                if (slot.Connection is not null)
                {
                    taken.Add(slot.Connection);
                    slot.Connection = null;
                }
            }
        }

        return [.. taken];
    }

    private Task<FrameConnection> EnsureConnecting(Slot slot)
    {
        lock (slot)
        {
            if (slot.Connection is { IsOpen: true } open)
            {
                return Task.FromResult(open);
            }

            // One attempt per slot at a time: everyone who needs the slot meanwhile waits on the same attempt.
            if (slot.Connecting is { IsCompleted: false } pending)
            {
                return pending;
            }

            var connecting = ConnectAsync(slot);

            // OpenAsync has logged any failure; callers that gave up waiting must not leave it unobserved.
            _ = connecting.ContinueWith(
                static t => _ = t.Exception,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            slot.Connecting = connecting;
            return connecting;
        }
    }

    private async Task<FrameConnection> ConnectAsync(Slot slot)
    {
        var connection = await _pool.OpenAsync(EndPoint, _retiring.Token).ConfigureAwait(false);
        lock (slot)
        {
            if (!_retired)
            {
                slot.Connection = connection;
                return connection;
            }
        }

        // The endpoint was closed (e.g. its silo declared dead) while this attempt ran: nobody may use the connection.
        connection.Abort("the endpoint's connections were closed while connecting");
        throw new ConnectionFailedException(EndPoint, $"The connections to {EndPoint} were closed while connecting.");
    }

    private sealed class Slot
    {
        public FrameConnection? Connection;
        public Task<FrameConnection>? Connecting;
    }
}
