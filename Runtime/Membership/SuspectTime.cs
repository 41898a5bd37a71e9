namespace MultiAgent.Runtime.Membership;

/// <summary>A silo that suspected (or declared dead) another, and when; kept on the suspect's row as an audit trail.</summary>
public readonly record struct SuspectTime(SiloAddress Suspecter, DateTimeOffset Time);
