using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Runtime.Invocation;

/// <summary>
/// Calls awaiting a response, by call id. One periodic scan enforces every deadline, so a call
/// costs an insert and a remove rather than a timer of its own.
/// </summary>
internal sealed class PendingCallRegistry : IDisposable
{
    private readonly ConcurrentDictionary<long, IPendingCall> _pending = new();
    private readonly Timer _scan;
    private long _nextId;

    public PendingCallRegistry(IOptions<MessagingOptions> options)
    {
        var interval = options.Value.ResponseTimeoutCheckInterval;
        _scan = new Timer(static s => ((PendingCallRegistry)s!).ExpireOverdue(), this, interval, interval);
    }

    public int Count => _pending.Count;

    public long Register(IPendingCall call)
    {
        var id = Interlocked.Increment(ref _nextId);
        _pending[id] = call;
        return id;
    }

    /// <summary>False when the call was already completed or timed out.</summary>
    public bool TryRemove(long id, out IPendingCall? call) => _pending.TryRemove(id, out call);

    public void Remove(long id) => _pending.TryRemove(id, out _);

    /// <summary>Removes and returns the calls matching <paramref name="predicate"/> (e.g. those on a lost connection).</summary>
    public List<IPendingCall> RemoveWhere(Func<IPendingCall, bool> predicate)
    {
        var removed = new List<IPendingCall>();
        foreach (var (id, call) in _pending)
        {
            if (predicate(call) && _pending.TryRemove(id, out _))
            {
                removed.Add(call);
            }
        }

        return removed;
    }

    private void ExpireOverdue()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var (id, call) in _pending)
        {
            if (call.DeadlineTimestamp <= now && _pending.TryRemove(id, out _))
            {
                call.OnTimeout();
            }
        }
    }

    public void Dispose() => _scan.Dispose();
}
