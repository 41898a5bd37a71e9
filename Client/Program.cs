// The command-line cluster client arrives with the cluster (issue 3) and the fleet (issue 5).
Console.Error.WriteLine("multiagent client: no commands yet (the cluster client lands with the cluster).");
return 1;
