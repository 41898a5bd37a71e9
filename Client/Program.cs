using System.CommandLine;
using MultiAgent.Client.Commands;
using MultiAgent.Client.Commands.Fleet;

// multiagent-client: talks to a MultiAgent cluster from outside it.
var root = new RootCommand("MultiAgent cluster client")
{
    ClusterStatusCommand.Create(),
    PingCommand.Create(),
    KafkaDevCommand.Create(),
    WarehouseCommand.Create(),
    RobotsCommand.Create(),
    OrdersCommand.Create(),
    FleetWatchCommand.Create(),
    RobotCommand.Create(),
};
root.Options.Add(ConnectionOptions.Gateway);
root.Options.Add(ConnectionOptions.Redis);
root.Options.Add(ConnectionOptions.Cluster);
// Ctrl-C and SIGTERM cancel the command's token; this is how long a command may take to wind down (the
// fleet demo prints its summary) before it is ended with the signal's exit code.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(20) });
