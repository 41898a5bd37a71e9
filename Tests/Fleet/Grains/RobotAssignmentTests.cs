using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Fleet.Grains;

/// <summary>Assign is idempotent by task id: a task already held or done is acknowledged, never executed twice.</summary>
public sealed class RobotAssignmentTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly FleetCluster _fleet = new();

    public Task InitializeAsync() => _fleet.DeployAsync();

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task A_repeated_assignment_is_acknowledged_and_a_busy_robot_refuses_another_task()
    {
        var warehouse = await _fleet.NewWarehouseAsync();
        var robot = _fleet.Robot($"{warehouse}-r");
        await robot.Start(warehouse, new GridPoint(0, 0), speed: 20, timeScale: 1); // slow enough to be busy for a while
        var robotId = robot.GetPrimaryKeyString();
        var first = Task("t-1", warehouse, robotId, new GridPoint(0, 10), new GridPoint(10, 10));
        var other = Task("t-2", warehouse, robotId, new GridPoint(1, 1), new GridPoint(2, 2));

        Assert.True(await robot.Assign(first));
        Assert.True(await robot.Assign(first));
        Assert.False(await robot.Assign(other));
        await Eventually.AssertAsync(async () => (await robot.GetSnapshot()).TasksCompleted == 1, Deadline, "the first task should complete");

        Assert.True(await robot.Assign(first)); // done already: acknowledged, not redone
        Assert.True(await robot.Assign(other));
        await Eventually.AssertAsync(async () => (await robot.GetSnapshot()).TasksCompleted == 2, Deadline, "the second task should complete");

        Assert.Equal(20 + 18 + 2, await robot.GetDistanceTravelled()); // (0,0)→(0,10)→(10,10), then →(1,1)→(2,2)
        Assert.Equal(2, (await _fleet.Statistics(warehouse).GetStatistics()).TasksCompleted);
    }

    private static RobotTask Task(string taskId, string warehouse, string robotId, GridPoint pick, GridPoint drop) =>
        new(taskId, FleetCluster.NewOrder(warehouse, pick, drop, orderId: taskId), robotId, DateTimeOffset.UtcNow);
}
