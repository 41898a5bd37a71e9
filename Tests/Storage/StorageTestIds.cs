using MultiAgent.Runtime;

namespace MultiAgent.Tests.Storage;

internal static class StorageTestIds
{
    /// <summary>A grain id no other test uses, so tests can share one store (and one Redis).</summary>
    public static GrainId NewGrainId() => new("user", Guid.NewGuid().ToString("N"));
}
