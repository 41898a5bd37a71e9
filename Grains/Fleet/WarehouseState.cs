namespace MultiAgent.Grains.Fleet;

/// <summary>What a warehouse grain persists: its layout and the robots that registered.</summary>
public sealed class WarehouseState
{
    public WarehouseLayout? Layout { get; set; }

    public List<string> Robots { get; set; } = [];
}
