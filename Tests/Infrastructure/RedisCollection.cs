namespace MultiAgent.Tests.Infrastructure;

/// <summary>Test classes in this collection share one <see cref="RedisServer"/> (constructor parameter).</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}
