using System.Text.Json.Serialization;

namespace MultiAgent.Runtime.Membership;

/// <summary>
/// The stored form of a row, apart from the domain record so the wire format changes only on purpose.
/// Unknown properties are ignored on read, so a newer silo may add fields without breaking older ones.
/// </summary>
internal sealed class RedisMembershipRowJson
{
    public string SiloAddress { get; set; } = string.Empty;

    public string SiloName { get; set; } = string.Empty;

    public SiloStatus Status { get; set; }

    public int GatewayPort { get; set; }

    public DateTimeOffset StartTime { get; set; }

    public DateTimeOffset IAmAliveTime { get; set; }

    public List<RedisSuspectTimeJson> SuspectTimes { get; set; } = [];

    public static RedisMembershipRowJson From(MembershipEntry entry) => new()
    {
        SiloAddress = entry.SiloAddress.ToString(),
        SiloName = entry.SiloName,
        Status = entry.Status,
        GatewayPort = entry.GatewayPort,
        StartTime = entry.StartTime,
        IAmAliveTime = entry.IAmAliveTime,
        SuspectTimes = [.. entry.SuspectTimes.Select(s => new RedisSuspectTimeJson { Suspecter = s.Suspecter.ToString(), Time = s.Time })],
    };

    public MembershipEntry ToEntry() => new()
    {
        SiloAddress = Membership.SiloAddress.Parse(SiloAddress),
        SiloName = SiloName,
        Status = Status,
        GatewayPort = GatewayPort,
        StartTime = StartTime,
        IAmAliveTime = IAmAliveTime,
        SuspectTimes = [.. SuspectTimes.Select(s => new SuspectTime(Membership.SiloAddress.Parse(s.Suspecter), s.Time))],
    };
}

internal sealed class RedisSuspectTimeJson
{
    public string Suspecter { get; set; } = string.Empty;

    public DateTimeOffset Time { get; set; }
}

/// <summary>Source-generated (no reflection at run time); statuses as names so the JSON reads well in redis-cli.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(RedisMembershipRowJson))]
internal sealed partial class RedisMembershipJsonContext : JsonSerializerContext;
