using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Storage;
using MultiAgent.Runtime.Testing;
using MultiAgent.Tests.Cluster;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Fleet.Grains;

/// <summary>
/// A robot's silo crashes after the robot published a completion and before it recorded it. The robot,
/// resumed on the other silo, must neither do the task again nor leave it unrecorded: it republishes the same
/// completion, which the statistics do not count twice.
/// </summary>
public sealed class RobotCrashTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    // One store for both silos, as Redis would be: a grain resumed elsewhere finds what was written.
    private readonly StallingStorage _storage = new(new MemoryGrainStorage(FleetStreams.StorageName, new JsonGrainStateSerializer()));
    private readonly TestCluster _cluster;

    public RobotCrashTests()
    {
        _cluster = new TestClusterBuilder { InitialSilosCount = 2 }
            .AddSiloConfigurator(silo =>
            {
                silo.AddMemoryStreams(FleetStreams.ProviderName);
                silo.AddMemoryGrainStorage(FleetStreams.StorageName);
                silo.Services.RemoveAllKeyed<IGrainStorage>(FleetStreams.StorageName);
                silo.Services.AddKeyedSingleton<IGrainStorage>(FleetStreams.StorageName, _storage);
            })
            .Build();
    }

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        _storage.Release();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_robot_killed_between_publishing_and_recording_a_completion_republishes_it_and_does_not_redo_the_task()
    {
        var warehouse = await NewWarehouseAsync();
        var robot = _cluster.GrainFactory.GetGrain<IRobotGrain>($"{warehouse}-r1");
        await robot.Start(warehouse, new GridPoint(0, 0), speed: 10, timeScale: 10); // 100 cells/s
        _storage.StallRobotWrite(robot.GetGrainId(), whenTasksCompleted: 1);
        var order = FleetCluster.NewOrder(warehouse, new GridPoint(10, 0), new GridPoint(10, 10));
        await _cluster.GrainFactory.GetGrain<ISchedulerGrain>(warehouse).SubmitOrder(order);
        await _storage.Stalled.WaitAsync(Deadline); // published, and now recording it: the moment to crash
        var grains = await KillTheHostOfAsync(robot);

        // Any call resumes it on the surviving silo (the scheduler's own re-confirmation would as well).
        robot = grains.GetGrain<IRobotGrain>(robot.GetPrimaryKeyString());
        await Eventually.AssertAsync(async () => (await robot.GetSnapshot()).TasksCompleted == 1, Deadline, "the resumed robot should record the task as done");
        await AssertCompletedOnceAsync(grains, warehouse, order);
    }

    [Fact]
    public async Task An_external_robot_whose_done_report_was_published_but_not_recorded_is_completed_when_its_grain_resumes()
    {
        var warehouse = await NewWarehouseAsync();
        var robot = _cluster.GrainFactory.GetGrain<IRobotGrain>($"{warehouse}-x1");
        await robot.StartExternal(warehouse, new GridPoint(0, 0), battery: 1);
        _storage.StallRobotWrite(robot.GetGrainId(), whenTasksCompleted: 1);
        var order = FleetCluster.NewOrder(warehouse, new GridPoint(2, 0), new GridPoint(2, 3));
        await _cluster.GrainFactory.GetGrain<ISchedulerGrain>(warehouse).SubmitOrder(order);
        var task = Assert.IsType<RobotTask>(await robot.GetCurrentTask());
        var done = robot.ReportDone(task.TaskId); // never answered: its silo dies while recording it
        await _storage.Stalled.WaitAsync(Deadline);
        var grains = await KillTheHostOfAsync(robot);
        _ = done.ContinueWith(t => t.Exception, TaskScheduler.Default);

        // The robot goes on heartbeating; it does not know its report was not recorded, and does not repeat it.
        robot = grains.GetGrain<IRobotGrain>(robot.GetPrimaryKeyString());
        await robot.Heartbeat(new GridPoint(2, 3), 0.9);
        await Eventually.AssertAsync(async () => (await robot.GetSnapshot()).TasksCompleted == 1, Deadline, "the resumed robot should record the task as done");
        await AssertCompletedOnceAsync(grains, warehouse, order);
    }

    private async Task<string> NewWarehouseAsync()
    {
        var warehouse = "wh-" + Guid.NewGuid().ToString("N")[..8];
        await _cluster.GrainFactory.GetGrain<IWarehouseGrain>(warehouse).Configure(new WarehouseLayout(warehouse, 20, 20, [], [], []));
        return warehouse;
    }

    /// <summary>Kills the silo hosting <paramref name="robot"/> as a crash would, and returns the survivor's grain factory.</summary>
    private async Task<IGrainFactory> KillTheHostOfAsync(IRobotGrain robot)
    {
        await _cluster.KillSiloAsync(Assert.Single(_cluster.HostsOf(robot)));
        return Assert.Single(_cluster.Silos).GrainFactory;
    }

    private static async Task AssertCompletedOnceAsync(IGrainFactory grains, string warehouse, Order order)
    {
        await Eventually.AssertAsync(
            async () => (await grains.GetGrain<ISchedulerGrain>(warehouse).GetOrderStatus(order.OrderId)).Status == OrderStatus.Completed, Deadline, "the scheduler should hear of it");

        // Done again, the task would have been published a second time with a later completion time, and counted.
        Assert.Equal(1, (await grains.GetGrain<IFleetStatisticsGrain>(warehouse).GetStatistics()).TasksCompleted);
    }

    /// <summary>Memory storage that can hold one write of one robot forever, as a process killed mid-write never finishes it.</summary>
    private sealed class StallingStorage(IGrainStorage inner) : IGrainStorage
    {
        private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private GrainId? _robot;
        private long _tasksCompleted;

        public Task Stalled => _stalled.Task;

        public void StallRobotWrite(GrainId robot, long whenTasksCompleted)
        {
            _robot = robot;
            _tasksCompleted = whenTasksCompleted;
        }

        public void Release() => _released.TrySetException(new InvalidOperationException("The test is over."));

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
            inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
        {
            if (grainId == _robot && grainState.State is RobotState { TasksCompleted: var done } && done == _tasksCompleted && _stalled.TrySetResult())
            {
                return _released.Task; // once: the resumed robot's own write of the same goes through
            }

            return inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
            inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
    }
}
