using System.Runtime.InteropServices;
using System.Text;

namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>
/// Decodes short, often repeated UTF-8 strings (interface names, method ids, grain types, silo names)
/// to one shared string instance instead of a new one per message. Direct-mapped and lock-free: each
/// slot holds an immutable entry replaced wholesale, so a collision only costs a decode and the memory
/// stays bounded whatever the peer sends.
/// </summary>
internal sealed class Utf8StringCache
{
    /// <summary>Longer strings are rarely names; decoding them is cheaper than hashing and comparing.</summary>
    public const int MaxLength = 128;

    private const int SlotCount = 1024; // a power of two

    private readonly Entry?[] _slots = new Entry?[SlotCount];

    /// <summary>Shared by every codec in the process: names are process-wide.</summary>
    public static Utf8StringCache Shared { get; } = new();

    /// <summary>The string for <paramref name="utf8"/>, which must be valid UTF-8 (decoding validates on a miss).</summary>
    public string GetOrAdd(ReadOnlySpan<byte> utf8, UTF8Encoding encoding)
    {
        if (utf8.Length > MaxLength)
        {
            return encoding.GetString(utf8);
        }

        var hash = Hash(utf8);
        ref var slot = ref _slots[hash & (SlotCount - 1)];
        var entry = Volatile.Read(ref slot);
        if (entry is not null && entry.Hash == hash && utf8.SequenceEqual(entry.Utf8))
        {
            return entry.Value;
        }

        var value = encoding.GetString(utf8);
        Volatile.Write(ref slot, new Entry(hash, utf8.ToArray(), value));
        return value;
    }

    // Samples length, head, middle and tail in O(1): names share long prefixes (namespaces) but differ
    // at the end, and SequenceEqual settles any collision.
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length < sizeof(ulong))
        {
            var small = (uint)utf8.Length;
            foreach (var b in utf8)
            {
                small = (small ^ b) * 16777619u;
            }

            return (int)small;
        }

        var head = MemoryMarshal.Read<ulong>(utf8);
        var middle = MemoryMarshal.Read<ulong>(utf8.Slice((utf8.Length - sizeof(ulong)) / 2));
        var tail = MemoryMarshal.Read<ulong>(utf8.Slice(utf8.Length - sizeof(ulong)));
        return HashCode.Combine(utf8.Length, head, middle, tail);
    }

    private sealed class Entry(int hash, byte[] utf8, string value)
    {
        public int Hash { get; } = hash;

        public byte[] Utf8 { get; } = utf8;

        public string Value { get; } = value;
    }
}
