using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace MultiAgent.Runtime.Membership;

/// <summary>
/// Holds the current view and hands newer ones to watchers. A view is taken only if its table version is
/// newer, so concurrent refreshes can never move a watcher back. A slow watcher skips to the latest view
/// rather than queueing stale ones.
/// </summary>
internal sealed class MembershipViewPublisher
{
    private readonly Lock _gate = new();
    private readonly List<Channel<MembershipView>> _watchers = [];
    private MembershipView _current = MembershipView.Empty;
    private bool _completed;

    public MembershipView Current => Volatile.Read(ref _current);

    /// <summary>True when <paramref name="view"/> was newer than the current one and is now current.</summary>
    public bool TryPublish(MembershipView view)
    {
        lock (_gate)
        {
            if (_completed || view.Version.Version <= _current.Version.Version)
            {
                return false;
            }

            Volatile.Write(ref _current, view);
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(view);
            }

            return true;
        }
    }

    /// <summary>The current view first, then each newer one, until cancelled or <see cref="Complete"/>.</summary>
    public async IAsyncEnumerable<MembershipView> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<MembershipView>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            // Registering and writing the current view under the lock keeps the order of versions.
            channel.Writer.TryWrite(_current);
            if (_completed)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _watchers.Add(channel);
            }
        }

        try
        {
            await foreach (var view in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return view;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }
        }
    }

    /// <summary>Ends every watch: the silo left the cluster.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryComplete();
            }

            _watchers.Clear();
        }
    }
}
