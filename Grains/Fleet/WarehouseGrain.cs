using Microsoft.Extensions.Logging;
using MultiAgent.Runtime;

namespace MultiAgent.Grains.Fleet;

/// <summary>A warehouse's layout and registered robots, persisted on every change (both change rarely).</summary>
public sealed partial class WarehouseGrain(
    [PersistentState("warehouse", FleetStreams.StorageName)] IPersistentState<WarehouseState> state,
    ILogger<WarehouseGrain> logger) : Grain, IWarehouseGrain
{
    public async Task Configure(WarehouseLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var problems = new List<string>(layout.Problems());
        var key = this.GetPrimaryKeyString();
        if (!string.Equals(layout.WarehouseId, key, StringComparison.Ordinal))
        {
            problems.Add($"warehouseId: '{layout.WarehouseId}' does not match the warehouse '{key}' being configured.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid layout for warehouse '{key}': {string.Join("; ", problems)}", nameof(layout));
        }

        state.State.Layout = layout;
        await state.WriteStateAsync();
        LogConfigured(key, layout.Width, layout.Height, layout.Chargers.Count);
        await GrainFactory.GetGrain<ISchedulerGrain>(key).LayoutChanged(layout); // it validates orders against the layout it holds
    }

    public Task<WarehouseLayout?> GetLayout() => Task.FromResult(state.State.Layout);

    public async Task RegisterRobot(string robotId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(robotId);
        if (state.State.Robots.Contains(robotId, StringComparer.Ordinal))
        {
            return;
        }

        state.State.Robots.Add(robotId);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> GetRobots() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Robots]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warehouse {WarehouseId} configured: {Width} × {Height}, {Chargers} chargers")]
    private partial void LogConfigured(string warehouseId, int width, int height, int chargers);
}
