namespace MultiAgent.Runtime;

/// <summary>
/// FNV-1a over UTF-16 code units: stable across processes and machines (string.GetHashCode is
/// randomised per process), cheap for the short strings of grain ids and silo addresses.
/// </summary>
public static class UniformHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static uint Of(string value) => Mix(Append(OffsetBasis, value));

    /// <summary>The hash of <c>first + "/" + second</c>, without building that string.</summary>
    public static uint Of(string first, string second) => Mix(Append(Append(Append(OffsetBasis, first), "/"), second));

    private static uint Append(uint hash, string value)
    {
        foreach (var c in value)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        return hash;
    }

    // A final avalanche so nearby keys ("robot-1", "robot-2") land far apart on the ring.
    private static uint Mix(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        hash ^= hash >> 16;
        return hash;
    }
}
