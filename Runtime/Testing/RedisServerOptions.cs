namespace MultiAgent.Runtime.Testing;

/// <summary>How <see cref="RedisServerProcess.StartAsync"/> starts a redis-server.</summary>
public sealed record RedisServerOptions
{
    /// <summary>The port; null picks a free loopback port (and another one if something takes it first).</summary>
    public int? Port { get; init; }

    /// <summary>The error when no redis-server executable is found: it tells the reader how to get one.</summary>
    public string NotFoundMessage { get; init; } =
        "redis-server was not found (on PATH, /usr/bin or /usr/local/bin). Run scripts/test.sh, which installs the " +
        "redis-server OS package, or set MULTIAGENT_REDIS_SERVER to its path.";

    /// <summary>
    /// Given the server's kill action right after it starts, returns a guard held until the server is disposed, e.g.
    /// one that kills it if this process is stopped by a signal (a disposal that never runs).
    /// </summary>
    public Func<Action, IDisposable>? KillOnExit { get; init; }
}
