namespace MultiAgent.Runtime;

/// <summary>
/// The identity of a grain: its grain type (a short name of the grain class) and its key.
/// Guid and integer keys are stored in a canonical string form so ids compare by value.
/// </summary>
public readonly struct GrainId : IEquatable<GrainId>
{
    private readonly int _hash;

    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(key);
        Type = type;
        Key = key;
        _hash = (int)UniformHash.Of(type, key);
    }

    public string Type { get; }

    public string Key { get; }

    public bool IsDefault => Type is null;

    public static string FormatKey(Guid key) => key.ToString("N");

    public static string FormatKey(long key) => key.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses the <c>type/key</c> form produced by <see cref="ToString"/>.</summary>
    public static GrainId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/');
        if (slash <= 0 || slash == value.Length - 1)
        {
            throw new FormatException($"'{value}' is not a grain id; expected 'type/key'.");
        }

        return new GrainId(value[..slash], value[(slash + 1)..]);
    }

    public Guid GetGuidKey() => Guid.TryParseExact(Key, "N", out var g)
        ? g
        : throw new InvalidOperationException($"Grain {this} does not have a Guid key.");

    public long GetIntegerKey() => long.TryParse(Key, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var v)
        ? v
        : throw new InvalidOperationException($"Grain {this} does not have an integer key.");

    public bool Equals(GrainId other) =>
        _hash == other._hash && string.Equals(Type, other.Type, StringComparison.Ordinal) && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);

    public override int GetHashCode() => _hash;

    /// <summary>The same in every process (unlike string hashes), so silos agree on placement.</summary>
    public uint GetUniformHashCode() => (uint)_hash;

    public override string ToString() => IsDefault ? "(none)" : $"{Type}/{Key}";

    public static bool operator ==(GrainId left, GrainId right) => left.Equals(right);

    public static bool operator !=(GrainId left, GrainId right) => !left.Equals(right);
}
