namespace MultiAgent.Grains.Fleet.Assignment;

/// <summary>Travel cost from robots (columns) to tasks' pick locations (rows), from flat coordinate arrays (no matrix is stored).</summary>
internal readonly struct ManhattanCost(int[] taskX, int[] taskY, int[] robotX, int[] robotY) : ICostMatrix
{
    public int Rows => taskX.Length;

    public int Columns => robotX.Length;

    public long Cost(int row, int column) => Math.Abs(taskX[row] - robotX[column]) + Math.Abs(taskY[row] - robotY[column]);
}
