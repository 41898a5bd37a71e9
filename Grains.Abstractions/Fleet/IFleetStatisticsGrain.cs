using MultiAgent.Runtime;

namespace MultiAgent.Grains.Fleet;

/// <summary>Aggregates one warehouse's completion stream (key = warehouse id).</summary>
public interface IFleetStatisticsGrain : IGrainWithStringKey
{
    Task<FleetStatistics> GetStatistics();
}
