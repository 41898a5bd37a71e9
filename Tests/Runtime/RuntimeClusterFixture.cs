using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Testing;

namespace MultiAgent.Tests.Runtime;

/// <summary>One silo with memory storage named "store", shared by the runtime tests that need nothing special.</summary>
public sealed class RuntimeClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new TestClusterBuilder()
        .AddSiloConfigurator(silo => silo.AddMemoryGrainStorage("store"))
        .Build();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class RuntimeClusterCollection : ICollectionFixture<RuntimeClusterFixture>
{
    public const string Name = "runtime cluster";
}
