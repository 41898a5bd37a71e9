using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Fleet.Grains;

/// <summary>Robots that go silent or report faults give their task back, and another robot completes it.</summary>
public sealed class RobotFailureTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly FleetCluster _fleet = new(new RobotOptions { HeartbeatTimeout = TimeSpan.FromMilliseconds(600) });

    public Task InitializeAsync() => _fleet.DeployAsync();

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task A_robot_that_stops_heartbeating_has_its_task_completed_by_another()
    {
        var warehouse = await _fleet.NewWarehouseAsync();
        var pick = new GridPoint(5, 5);
        var external = _fleet.Robot($"{warehouse}-ext");
        await external.StartExternal(warehouse, pick, battery: 0.9); // on the pick location: the nearest robot
        var simulated = await _fleet.StartSimulatedAsync(warehouse, new GridPoint(19, 0));
        var order = FleetCluster.NewOrder(warehouse, pick, new GridPoint(10, 10));

        await _fleet.ProduceAsync(order);
        Assert.Equal("task-" + order.OrderId, (await external.GetCurrentTask())?.TaskId);

        // No heartbeat from here on.
        await Eventually.AssertAsync(async () => (await _fleet.Scheduler(warehouse).GetOrderStatus(order.OrderId)).Status == OrderStatus.Completed, Deadline, "the other robot should complete the task");
        var status = await _fleet.Scheduler(warehouse).GetOrderStatus(order.OrderId);
        Assert.Equal(simulated.GetPrimaryKeyString(), status.RobotId);
        var lost = await external.GetSnapshot();
        Assert.Equal(RobotStatus.Offline, lost.Status);
        Assert.Null(lost.CurrentTaskId);
        Assert.Equal(1, lost.TasksFailed);
        Assert.Equal(1, (await simulated.GetSnapshot()).TasksCompleted);
        await Eventually.AssertAsync(async () => (await _fleet.Statistics(warehouse).GetStatistics()) is { TasksCompleted: 1, TasksRequeued: 1 }, Deadline, "the statistics should count one completion and one requeue");

        // Too late: the task was taken away, so it is not this robot's to finish.
        Assert.False(await external.ReportDone("task-" + order.OrderId));

        // Heard from again, it is back in service.
        await external.Heartbeat(pick, 0.9);
        Assert.Equal(RobotStatus.Idle, (await external.GetSnapshot()).Status);
    }

    [Fact]
    public async Task An_external_robot_reports_progress_and_done_through_the_bridge()
    {
        var warehouse = await _fleet.NewWarehouseAsync();
        var robot = _fleet.Robot($"{warehouse}-ext");
        await robot.StartExternal(warehouse, new GridPoint(0, 0), battery: 1);
        var order = FleetCluster.NewOrder(warehouse, new GridPoint(2, 0), new GridPoint(2, 3));

        await _fleet.ProduceAsync(order);
        var task = Assert.IsType<RobotTask>(await robot.GetCurrentTask());
        Assert.Equal(order.OrderId, task.Order.OrderId);
        Assert.Equal(RobotStatus.Assigned, (await robot.GetSnapshot()).Status);

        await robot.ReportProgress(task.TaskId, new GridPoint(2, 0), 0.95);
        Assert.Equal(RobotStatus.Moving, (await robot.GetSnapshot()).Status);
        await robot.ReportProgress(task.TaskId, new GridPoint(2, 3), 0.9);
        Assert.True(await robot.ReportDone(task.TaskId));
        Assert.True(await robot.ReportDone(task.TaskId)); // acknowledged again, not counted again

        await Eventually.AssertAsync(async () => (await _fleet.Scheduler(warehouse).GetOrderStatus(order.OrderId)).Status == OrderStatus.Completed, Deadline, "the scheduler should record the completion");
        var snapshot = await robot.GetSnapshot();
        Assert.Equal(1, snapshot.TasksCompleted);
        Assert.Equal(RobotStatus.Idle, snapshot.Status);
        Assert.Equal(5, await robot.GetDistanceTravelled());
        Assert.Equal(1, (await _fleet.Statistics(warehouse).GetStatistics()).TasksCompleted);
    }

    [Fact]
    public async Task A_fault_sends_the_task_back_with_the_reason_and_another_robot_completes_it()
    {
        var warehouse = await _fleet.NewWarehouseAsync();
        var pick = new GridPoint(5, 5);
        var external = _fleet.Robot($"{warehouse}-ext");
        await external.StartExternal(warehouse, pick, battery: 1);
        var order = FleetCluster.NewOrder(warehouse, pick, new GridPoint(6, 6));
        await _fleet.ProduceAsync(order);
        var task = Assert.IsType<RobotTask>(await external.GetCurrentTask());

        Assert.True(await external.ReportFault(task.TaskId, "gripper jammed"));
        Assert.Equal(RobotStatus.Faulted, (await external.GetSnapshot()).Status);
        await Eventually.AssertAsync(async () => (await _fleet.Scheduler(warehouse).GetOrderStatus(order.OrderId)) is { Status: OrderStatus.Pending, FailureReason: "gripper jammed" }, Deadline, "the task should wait again, with the reason");

        var simulated = await _fleet.StartSimulatedAsync(warehouse, new GridPoint(0, 0));
        await Eventually.AssertAsync(async () => (await _fleet.Scheduler(warehouse).GetOrderStatus(order.OrderId)).Status == OrderStatus.Completed, Deadline, "another robot should complete it");
        Assert.Equal(simulated.GetPrimaryKeyString(), (await _fleet.Scheduler(warehouse).GetOrderStatus(order.OrderId)).RobotId);
        var statistics = await _fleet.Statistics(warehouse).GetStatistics();
        Assert.Equal(1, statistics.FailuresByReason["gripper jammed"]);
    }
}
