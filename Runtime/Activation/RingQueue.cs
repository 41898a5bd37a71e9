namespace MultiAgent.Runtime.Activation;

/// <summary>
/// A FIFO over a power-of-two array, as a mutable struct embedded in its owner (one object
/// fewer per activation than Queue&lt;T&gt;). Not thread-safe: the owner locks.
/// </summary>
internal struct RingQueue<T>
{
    private T[]? _items;
    private int _head;
    private int _count;

    public readonly int Count => _count;

    public void Enqueue(T item)
    {
        if (_items is null || _count == _items.Length)
        {
            Grow();
        }

        _items![(_head + _count) & (_items.Length - 1)] = item;
        _count++;
    }

    public bool TryDequeue(out T item)
    {
        if (_count == 0)
        {
            item = default!;
            return false;
        }

        item = _items![_head];
        _items[_head] = default!;
        _head = (_head + 1) & (_items.Length - 1);
        _count--;
        return true;
    }

    public readonly T Peek() => _count > 0 ? _items![_head] : throw new InvalidOperationException("The queue is empty.");

    /// <summary>Removes and returns everything, oldest first.</summary>
    public List<T> DrainAll()
    {
        var all = new List<T>(_count);
        while (TryDequeue(out var item))
        {
            all.Add(item);
        }

        return all;
    }

    private void Grow()
    {
        var capacity = _items is null ? 4 : _items.Length * 2;
        var grown = new T[capacity];
        for (var i = 0; i < _count; i++)
        {
            grown[i] = _items![(_head + i) & (_items.Length - 1)];
        }

        _items = grown;
        _head = 0;
    }
}
