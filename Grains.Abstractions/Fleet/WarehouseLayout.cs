namespace MultiAgent.Grains.Fleet;

/// <summary>
/// The floor of one warehouse: a <paramref name="Width"/> × <paramref name="Height"/> grid (cells
/// 0..Width-1 × 0..Height-1) with the stations where robots pick, drop and charge.
/// </summary>
public sealed record WarehouseLayout(
    string WarehouseId,
    int Width,
    int Height,
    IReadOnlyList<GridPoint> PickStations,
    IReadOnlyList<GridPoint> DropStations,
    IReadOnlyList<GridPoint> Chargers)
{
    public bool Contains(GridPoint point) => point.X >= 0 && point.Y >= 0 && point.X < Width && point.Y < Height;

    /// <summary>What is wrong with this layout, each message naming the field; empty when it is usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(WarehouseId))
        {
            problems.Add("warehouseId: is missing or empty.");
        }

        if (Width <= 0 || Height <= 0)
        {
            problems.Add($"width/height: the grid must be at least 1 × 1, got {Width} × {Height}.");
        }

        AddOffGrid(problems, "pickStations", PickStations);
        AddOffGrid(problems, "dropStations", DropStations);
        AddOffGrid(problems, "chargers", Chargers);
        return problems;
    }

    private void AddOffGrid(List<string> problems, string field, IReadOnlyList<GridPoint>? points)
    {
        if (points is null)
        {
            problems.Add($"{field}: is missing (use an empty list for none).");
            return;
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (!Contains(points[i]))
            {
                problems.Add($"{field}[{i}]: {points[i]} is outside the {Width} × {Height} grid.");
            }
        }
    }
}
