namespace MultiAgent.Runtime;

/// <summary>The silo cannot take the call (shutting down, or no longer owning the grain); retrying elsewhere may succeed.</summary>
public sealed class SiloUnavailableException(string message) : Exception(message);
