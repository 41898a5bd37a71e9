namespace MultiAgent.Runtime.Membership;

/// <summary>
/// The membership table's version: a number that grows by one on every insert, update or removal of a
/// row (never on a heartbeat), and the opaque etag a conditional write must present to prove it read
/// the latest table.
/// </summary>
public sealed record TableVersion(int Version, string ETag)
{
    /// <summary>The version of a table nobody wrote to yet.</summary>
    public static TableVersion Empty { get; } = new(0, "0");

    public override string ToString() => $"{Version} (etag {ETag})";
}
