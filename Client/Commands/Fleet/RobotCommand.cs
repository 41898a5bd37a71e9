using System.CommandLine;
using MultiAgent.Grains.Fleet;
using Spectre.Console;

namespace MultiAgent.Client.Commands.Fleet;

/// <summary>
/// <c>robot start|heartbeat|progress|done|fault &lt;robotId&gt;</c>: the external-robot API, what a real robot
/// (or its fleet adapter) calls instead of the grain's simulation.
/// </summary>
internal static class RobotCommand
{
    public static Command Create() => new("robot", "The external-robot API: register, heartbeat and report on tasks.")
    {
        Start(), Heartbeat(), Progress(), Done(), Fault(),
    };

    private static Argument<string> RobotIdArgument() => new("robotId") { Description = "The robot id." };

    private static Option<string> TaskOption() => new("--task", "-t")
    {
        Description = "The task id (from the robot's assignment).",
        Required = true,
        Validators = { r => { if (string.IsNullOrWhiteSpace(r.GetValueOrDefault<string>())) { r.AddError("--task must not be empty."); } } },
    };

    private static Command Start()
    {
        var robot = RobotIdArgument();
        var warehouse = FleetOptions.Warehouse();
        var position = FleetOptions.Position();
        var battery = FleetOptions.Battery(required: false);
        var command = new Command("start", "Register an external robot (it must then heartbeat, or it goes offline).") { robot, warehouse, position, battery };
        command.SetAction((parsed, ct) => ConnectionOptions.WithClientAsync(parsed, ct, async client =>
        {
            var id = parsed.GetValue(robot)!;
            await client.GetGrain<IRobotGrain>(id).StartExternal(parsed.GetValue(warehouse)!, parsed.GetValue(position), parsed.GetValue(battery));
            AnsiConsole.MarkupLineInterpolated($"[green]registered[/] external robot [bold]{id}[/] in {parsed.GetValue(warehouse)} at {parsed.GetValue(position)}");
            return 0;
        }));
        return command;
    }

    private static Command Heartbeat()
    {
        var robot = RobotIdArgument();
        var position = FleetOptions.Position();
        var battery = FleetOptions.Battery(required: true);
        var command = new Command("heartbeat", "Report that the robot is alive, where it is and its battery.") { robot, position, battery };
        command.SetAction((parsed, ct) => ConnectionOptions.WithClientAsync(parsed, ct, async client =>
        {
            var id = parsed.GetValue(robot)!;
            var grain = client.GetGrain<IRobotGrain>(id);
            if ((await grain.GetSnapshot()).Mode != RobotMode.External)
            {
                // The grain ignores a simulated robot's heartbeats: say so rather than print "ok".
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] robot '{id}' is not an external robot; register it with 'robot start {id} --warehouse <id> --position x,y' first.");
                return 1;
            }

            await grain.Heartbeat(parsed.GetValue(position), parsed.GetValue(battery));
            await PrintCurrentTask(grain, id);
            return 0;
        }));
        return command;
    }

    private static Command Progress()
    {
        var robot = RobotIdArgument();
        var task = TaskOption();
        var position = FleetOptions.Position();
        var battery = FleetOptions.Battery(required: true);
        var command = new Command("progress", "Report where the robot is on its task (counts as a heartbeat).") { robot, task, position, battery };
        command.SetAction((parsed, ct) => ConnectionOptions.WithClientAsync(parsed, ct, async client =>
        {
            var id = parsed.GetValue(robot)!;
            await client.GetGrain<IRobotGrain>(id).ReportProgress(parsed.GetValue(task)!, parsed.GetValue(position), parsed.GetValue(battery));
            AnsiConsole.MarkupLineInterpolated($"[green]ok[/] {id} on {parsed.GetValue(task)} at {parsed.GetValue(position)}");
            return 0;
        }));
        return command;
    }

    private static Command Done()
    {
        var robot = RobotIdArgument();
        var task = TaskOption();
        var command = new Command("done", "Report the task done.") { robot, task };
        command.SetAction((parsed, ct) => ConnectionOptions.WithClientAsync(parsed, ct, async client =>
        {
            var id = parsed.GetValue(robot)!;
            var taskId = parsed.GetValue(task)!;
            if (!await client.GetGrain<IRobotGrain>(id).ReportDone(taskId))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] task '{taskId}' is not robot '{id}''s task; nothing was completed.");
                return 1;
            }

            AnsiConsole.MarkupLineInterpolated($"[green]done[/] {id} completed {taskId}");
            return 0;
        }));
        return command;
    }

    private static Command Fault()
    {
        var robot = RobotIdArgument();
        var task = TaskOption();
        var reason = new Option<string>("--reason", "-r") { Description = "Why the task could not be done.", Required = true };
        reason.Validators.Add(r =>
        {
            if (string.IsNullOrWhiteSpace(r.GetValueOrDefault<string>()))
            {
                r.AddError("--reason must not be empty.");
            }
        });
        var command = new Command("fault", "Report that the task could not be done; it goes back to the scheduler and the robot is faulted.") { robot, task, reason };
        command.SetAction((parsed, ct) => ConnectionOptions.WithClientAsync(parsed, ct, async client =>
        {
            var id = parsed.GetValue(robot)!;
            var taskId = parsed.GetValue(task)!;
            if (!await client.GetGrain<IRobotGrain>(id).ReportFault(taskId, parsed.GetValue(reason)!))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] task '{taskId}' is not robot '{id}''s task; no fault was recorded.");
                return 1;
            }

            AnsiConsole.MarkupLineInterpolated($"[yellow]faulted[/] {id}: {taskId} goes back to the scheduler");
            return 0;
        }));
        return command;
    }

    private static async Task PrintCurrentTask(IRobotGrain grain, string id)
    {
        var current = await grain.GetCurrentTask();
        if (current is null)
        {
            AnsiConsole.MarkupLineInterpolated($"[green]ok[/] {id}: no task");
        }
        else
        {
            AnsiConsole.MarkupLineInterpolated(
                $"[green]ok[/] {id}: task [bold]{current.TaskId}[/] (order {current.Order.OrderId}): pick at {FleetOptions.Format(current.Order.PickLocation)}, drop at {FleetOptions.Format(current.Order.DropLocation)}");
        }
    }
}
