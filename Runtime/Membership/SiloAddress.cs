using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MultiAgent.Runtime.Membership;

/// <summary>
/// One incarnation of a silo: its silo-to-silo endpoint (host and port) plus a generation. The
/// generation is taken at start, so a silo restarted on the same endpoint is a different silo and
/// its predecessor's grains and membership row can never be mistaken for its own.
/// String form: <c>host:port@generation</c> (IPv6 hosts in brackets), stable for keys and logs.
/// </summary>
public sealed class SiloAddress : IEquatable<SiloAddress>
{
    /// <summary>Generations count seconds from here, so they fit an int for a long time (until 2092).</summary>
    public static readonly DateTimeOffset GenerationEpoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static int s_lastGeneration;

    public SiloAddress(string host, int port, int generation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        var trimmed = host.Trim();
        if (trimmed.StartsWith('[') && trimmed.EndsWith(']'))
        {
            trimmed = trimmed[1..^1];
        }

        // '@' and whitespace would make the string form ambiguous.
        if (trimmed.Length == 0 || trimmed.Contains('@', StringComparison.Ordinal) || trimmed.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"'{host}' is not a valid host name or IP address for a silo address.", nameof(host));
        }

        // Host names are case-insensitive; one spelling keeps equality and the string form stable.
        Host = trimmed.ToLowerInvariant();
        Port = port;
        Generation = generation;
    }

    /// <summary>Host name or IP address that other silos connect to.</summary>
    public string Host { get; }

    /// <summary>The silo-to-silo port.</summary>
    public int Port { get; }

    /// <summary>Seconds since <see cref="GenerationEpoch"/> when this incarnation started.</summary>
    public int Generation { get; }

    /// <summary><c>host:port</c> without the generation: the same for every incarnation on this endpoint.</summary>
    public string Endpoint => FormatEndpoint(Host, Port);

    /// <summary>
    /// A generation for a silo starting now. Strictly increasing within a process, so silos restarted
    /// in-process within the same second (test clusters) still get distinct generations.
    /// </summary>
    public static int NextGeneration(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var seconds = (int)Math.Max(0, (timeProvider.GetUtcNow() - GenerationEpoch).TotalSeconds);
        while (true)
        {
            var last = Volatile.Read(ref s_lastGeneration);
            var next = Math.Max(seconds, last + 1);
            if (Interlocked.CompareExchange(ref s_lastGeneration, next, last) == last)
            {
                return next;
            }
        }
    }

    /// <summary>A new incarnation on <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static SiloAddress New(string host, int port, TimeProvider timeProvider) => new(host, port, NextGeneration(timeProvider));

    /// <summary>Is this the same endpoint as <paramref name="other"/>, whatever the generation?</summary>
    public bool IsSameEndpoint(SiloAddress other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Port == other.Port && string.Equals(Host, other.Host, StringComparison.Ordinal);
    }

    public static SiloAddress Parse(string text) =>
        TryParse(text, out var address)
            ? address
            : throw new FormatException($"'{text}' is not a silo address; expected host:port@generation, e.g. 10.0.0.5:11111@12345.");

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SiloAddress? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var at = text.LastIndexOf('@');
        var colon = at < 0 ? -1 : text.LastIndexOf(':', at);
        if (colon <= 0
            || !int.TryParse(text.AsSpan(colon + 1, at - colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || !int.TryParse(text.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            || port is < 1 or > 65535)
        {
            return false;
        }

        var host = text[..colon];
        var bracketed = host.StartsWith('[') && host.EndsWith(']');

        // An unbracketed host with a colon is an IPv6 address whose port cannot be told apart.
        if (!bracketed && host.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            address = new SiloAddress(host, port, generation);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary><c>host:port</c>, with an IPv6 host in brackets.</summary>
    internal static string FormatEndpoint(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"[{host}]:{port}")
            : string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Endpoint}@{Generation}");

    public bool Equals(SiloAddress? other) =>
        other is not null && Port == other.Port && Generation == other.Generation && string.Equals(Host, other.Host, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as SiloAddress);

    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Host), Port, Generation);

    public static bool operator ==(SiloAddress? left, SiloAddress? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(SiloAddress? left, SiloAddress? right) => !(left == right);
}
