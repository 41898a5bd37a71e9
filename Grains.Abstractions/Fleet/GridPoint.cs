namespace MultiAgent.Grains.Fleet;

/// <summary>
/// A cell of the warehouse grid; (0, 0) is a corner and coordinates grow along the aisles.
/// JSON: <c>{"x": 4, "y": 7}</c>.
/// </summary>
public readonly record struct GridPoint(int X, int Y)
{
    /// <summary>Robots drive along aisles, not diagonally, so travel cost is the Manhattan distance.</summary>
    public int ManhattanDistanceTo(GridPoint other) => Math.Abs(X - other.X) + Math.Abs(Y - other.Y);

    public override string ToString() => $"({X}, {Y})";
}
