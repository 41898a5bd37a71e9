using MultiAgent.Runtime;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// One robot (key = robot id). Simulated robots move by the grain's own timers; external robots are
/// driven through <see cref="Heartbeat"/>, <see cref="ReportProgress"/>, <see cref="ReportDone"/> and
/// <see cref="ReportFault"/> — the bridge point for a real fleet adapter.
/// </summary>
public interface IRobotGrain : IGrainWithStringKey
{
    /// <summary>Starts a simulated robot at <paramref name="position"/> with a full battery and offers it to the warehouse's scheduler.</summary>
    /// <param name="speed">Cells per second of simulated time.</param>
    /// <param name="timeScale">Simulated seconds per real second (e.g. 100 for a fast demo).</param>
    Task Start(string warehouseId, GridPoint position, double speed, double timeScale);

    /// <summary>Registers a real robot; it must then heartbeat within the configured window or go offline.</summary>
    Task StartExternal(string warehouseId, GridPoint position, double battery);

    /// <summary>
    /// Gives the robot a task. Idempotent by task id: the task it already has or has done is acknowledged
    /// (true) and not executed again. False when the robot cannot take it (busy, charging, offline, faulted).
    /// </summary>
    Task<bool> Assign(RobotTask task);

    Task Heartbeat(GridPoint position, double battery);

    /// <summary>External robots: where the robot is on its way; counts as a heartbeat.</summary>
    Task ReportProgress(string taskId, GridPoint position, double battery);

    /// <summary>External robots: the task is done. True if it was this robot's task (or already done by it).</summary>
    Task<bool> ReportDone(string taskId);

    /// <summary>External robots: the task could not be done; it goes back to the scheduler and the robot is faulted.</summary>
    Task<bool> ReportFault(string taskId, string reason);

    /// <summary>The task the robot is on, with its order (what an external robot should do); null when it has none.</summary>
    Task<RobotTask?> GetCurrentTask();

    Task<RobotSnapshot> GetSnapshot();

    /// <summary>Cells driven since the robot started.</summary>
    Task<long> GetDistanceTravelled();
}
