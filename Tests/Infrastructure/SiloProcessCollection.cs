namespace MultiAgent.Tests.Infrastructure;

/// <summary>
/// Tests that start real silo processes. They run alone, after the parallel tests: a few silo processes keep
/// both cores busy, which would skew the timing of tests running beside them (and theirs). They share one
/// <see cref="RedisServer"/> (constructor parameter).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SiloProcessCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "silo processes";
}
