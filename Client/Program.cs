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
return await root.Parse(args).InvokeAsync();
