namespace MultiAgent.Runtime.Membership;

/// <summary>Who this silo is, as written into its membership row.</summary>
/// <param name="SiloAddress">This incarnation's silo-to-silo endpoint and generation.</param>
/// <param name="SiloName">Configuration <c>MultiAgent:Silo:SiloName</c>.</param>
/// <param name="GatewayPort">The client gateway's port on the same host; 0 when the silo takes no clients.</param>
public sealed record LocalSiloDetails(SiloAddress SiloAddress, string SiloName, int GatewayPort = 0);
