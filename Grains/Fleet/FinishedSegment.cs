namespace MultiAgent.Grains.Fleet;

/// <summary>
/// One segment of a scheduler's finished orders (see <see cref="FinishedOrderLog"/>): rewritten while it
/// fills, then left alone until its slot is reused for a newer segment.
/// </summary>
public sealed class FinishedSegment
{
    /// <summary>Segments are numbered as they are started; the slot holding the highest is the one filling.</summary>
    public long Number { get; set; }

    public List<OrderRecord> Orders { get; set; } = [];
}
