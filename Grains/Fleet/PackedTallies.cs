using System.Runtime.InteropServices;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// The robots' tallies as stored: their ids, and their numbers as raw 64-bit integers (base64 in JSON), four
/// per robot in id order. The statistics are stored after every event; a thousand robots written as JSON
/// objects cost several times more than this.
/// </summary>
public sealed class PackedTallies
{
    private const int NumbersPerRobot = 4;

    public string[] Ids { get; set; } = [];

    /// <summary>Completed, failed, busy ticks, last event UTC ticks — per robot, in the machine's byte order.</summary>
    public byte[] Numbers { get; set; } = [];

    public static PackedTallies Pack(Dictionary<string, RobotTally> robots)
    {
        ArgumentNullException.ThrowIfNull(robots);
        var numbers = new long[robots.Count * NumbersPerRobot];
        var ids = new string[robots.Count];
        var i = 0;
        foreach (var (id, tally) in robots)
        {
            ids[i] = id;
            numbers[(i * NumbersPerRobot) + 0] = tally.Completed;
            numbers[(i * NumbersPerRobot) + 1] = tally.Failed;
            numbers[(i * NumbersPerRobot) + 2] = tally.BusyTicks;
            numbers[(i * NumbersPerRobot) + 3] = tally.LastEventUtcTicks;
            i++;
        }

        return new PackedTallies { Ids = ids, Numbers = MemoryMarshal.AsBytes(numbers.AsSpan()).ToArray() };
    }

    public Dictionary<string, RobotTally> Unpack()
    {
        var numbers = MemoryMarshal.Cast<byte, long>(Numbers);
        if (numbers.Length != Ids.Length * NumbersPerRobot)
        {
            throw new InvalidOperationException($"Stored statistics hold {Ids.Length} robot ids but {numbers.Length} numbers; expected {NumbersPerRobot} per robot.");
        }

        var robots = new Dictionary<string, RobotTally>(Ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < Ids.Length; i++)
        {
            robots[Ids[i]] = new RobotTally
            {
                Completed = numbers[(i * NumbersPerRobot) + 0],
                Failed = numbers[(i * NumbersPerRobot) + 1],
                BusyTicks = numbers[(i * NumbersPerRobot) + 2],
                LastEventUtcTicks = numbers[(i * NumbersPerRobot) + 3],
            };
        }

        return robots;
    }
}
