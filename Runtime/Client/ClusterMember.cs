namespace MultiAgent.Runtime.Client;

/// <summary>A silo as the membership table records it.</summary>
public sealed record ClusterMember(string SiloAddress, string SiloName, string Status, string? GatewayEndpoint, DateTimeOffset StartedAt, DateTimeOffset LastHeartbeat);
