using MultiAgent.Runtime.Storage;

namespace MultiAgent.Tests.Storage;

public sealed class MemoryGrainStorageTests : GrainStorageContractTests
{
    protected override IGrainStorage Storage { get; } =
        new MemoryGrainStorage(GrainStorageNames.Default, new JsonGrainStateSerializer());
}
