namespace MultiAgent.Runtime.Redis;

/// <summary>Redis could not be reached in time. The message names the endpoints, never the password.</summary>
public sealed class RedisUnavailableException(string endpoints, TimeSpan waited, Exception? innerException = null)
    : Exception(
        $"Redis at {endpoints} could not be reached within {waited.TotalSeconds:0.#} s. " +
        "Check that redis-server is running there and the connection string is right.",
        innerException)
{
    /// <summary>host:port of each configured endpoint.</summary>
    public string Endpoints { get; } = endpoints;
}
