using MultiAgent.Runtime;

namespace MultiAgent.Grains.Fleet;

/// <summary>One warehouse (key = warehouse id): its floor layout and the robots registered in it.</summary>
public interface IWarehouseGrain : IGrainWithStringKey
{
    /// <summary>Validates and stores the layout; throws <see cref="ArgumentException"/> naming every problem.</summary>
    Task Configure(WarehouseLayout layout);

    /// <summary>Null until <see cref="Configure"/> was called.</summary>
    Task<WarehouseLayout?> GetLayout();

    /// <summary>Idempotent: a robot registers each time it starts.</summary>
    Task RegisterRobot(string robotId);

    Task<IReadOnlyList<string>> GetRobots();
}
