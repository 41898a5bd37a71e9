using System.Diagnostics.CodeAnalysis;

namespace MultiAgent.Grains.Fleet.Assignment;

/// <summary>
/// Idle robots bucketed into square cells of the grid so "nearest robot to this point" looks at a few
/// cells around it instead of every robot. Cells are searched in growing square rings and the search
/// stops once no robot in the next ring could be as close as the best found, so the answer is exactly
/// the full scan's (ties included). Robots are removed as they are taken, in O(1).
/// </summary>
internal sealed class IdleRobotIndex
{
    private const int RobotsPerCell = 2;

    private readonly IReadOnlyList<IdleRobot> _robots;
    private readonly int _minX;
    private readonly int _minY;
    private readonly int _cellSize;
    private readonly int _columns;
    private readonly int _rows;

    // Robots grouped by cell: cell c's live robots are _members[_cellStart[c] .. _cellStart[c] + _cellLive[c]).
    private readonly int[] _cellStart;
    private readonly int[] _cellLive;
    private readonly int[] _members;
    private readonly int[] _slotOf;
    private int _live;

    public IdleRobotIndex(IReadOnlyList<IdleRobot> robots)
    {
        _robots = robots;
        _live = robots.Count;
        _members = new int[robots.Count];
        _slotOf = new int[robots.Count];
        if (robots.Count == 0)
        {
            _cellSize = 1;
            _columns = _rows = 1;
            _cellStart = new int[2];
            _cellLive = new int[1];
            return;
        }

        int minX = int.MaxValue, minY = int.MaxValue, maxX = int.MinValue, maxY = int.MinValue;
        foreach (var robot in robots)
        {
            minX = Math.Min(minX, robot.Position.X);
            minY = Math.Min(minY, robot.Position.Y);
            maxX = Math.Max(maxX, robot.Position.X);
            maxY = Math.Max(maxY, robot.Position.Y);
        }

        _minX = minX;
        _minY = minY;
        var spanX = (long)maxX - minX + 1;
        var spanY = (long)maxY - minY + 1;
        var cellSize = (long)Math.Max(1, Math.Ceiling(Math.Sqrt((double)spanX * spanY * RobotsPerCell / robots.Count)));

        // A long thin spread of robots would make many empty cells: widen them until the count is O(robots).
        var maxCells = (4L * robots.Count) + 16;
        while (CeilDiv(spanX, cellSize) * CeilDiv(spanY, cellSize) > maxCells)
        {
            cellSize *= 2;
        }

        _cellSize = (int)Math.Min(cellSize, int.MaxValue);
        _columns = (int)CeilDiv(spanX, cellSize);
        _rows = (int)CeilDiv(spanY, cellSize);

        var cellCount = _columns * _rows;
        _cellStart = new int[cellCount + 1];
        _cellLive = new int[cellCount];
        var cellOf = new int[robots.Count];
        for (var i = 0; i < robots.Count; i++)
        {
            var p = robots[i].Position;
            cellOf[i] = (int)(((long)p.Y - minY) / cellSize * _columns + (((long)p.X - minX) / cellSize));
            _cellLive[cellOf[i]]++;
        }

        for (var c = 0; c < cellCount; c++)
        {
            _cellStart[c + 1] = _cellStart[c] + _cellLive[c];
        }

        var fill = new int[cellCount];
        for (var i = 0; i < robots.Count; i++)
        {
            var slot = _cellStart[cellOf[i]] + fill[cellOf[i]]++;
            _members[slot] = i;
            _slotOf[i] = slot;
        }
    }

    public int Count => _live;

    /// <summary>Removes and returns the robot nearest to <paramref name="target"/> (ties: fuller battery, then smaller id).</summary>
    public bool TryTakeNearest(GridPoint target, [MaybeNullWhen(false)] out IdleRobot robot, out int distance)
    {
        robot = null;
        distance = 0;
        if (_live == 0)
        {
            return false;
        }

        // The target may lie outside the robots' bounding box: its cell coordinates are then out of range.
        var cx = FloorDiv((long)target.X - _minX, _cellSize);
        var cy = FloorDiv((long)target.Y - _minY, _cellSize);
        var firstRing = Math.Max(OutsideBy(cx, _columns), OutsideBy(cy, _rows));
        var lastRing = Math.Max(Math.Max(cx, _columns - 1 - cx), Math.Max(cy, _rows - 1 - cy));

        var best = -1;
        var bestDistance = int.MaxValue;
        for (var ring = firstRing; ring <= lastRing; ring++)
        {
            // Any robot in ring r is at least (r-1)·cell+1 away along one axis.
            if (best >= 0 && ring > 0 && ((ring - 1) * (long)_cellSize) + 1 > bestDistance)
            {
                break;
            }

            ScanRing(cx, cy, ring, target, ref best, ref bestDistance);
        }

        Remove(best);
        robot = _robots[best];
        distance = bestDistance;
        return true;
    }

    private void ScanRing(long cx, long cy, long ring, GridPoint target, ref int best, ref int bestDistance)
    {
        if (ring == 0)
        {
            ScanCell(cx, cy, target, ref best, ref bestDistance);
            return;
        }

        // Top and bottom rows of the ring, then the left and right columns between them.
        var fromX = Math.Max(cx - ring, 0);
        var toX = Math.Min(cx + ring, _columns - 1);
        foreach (var y in (ReadOnlySpan<long>)[cy - ring, cy + ring])
        {
            if (y >= 0 && y < _rows)
            {
                for (var x = fromX; x <= toX; x++)
                {
                    ScanCell(x, y, target, ref best, ref bestDistance);
                }
            }
        }

        var fromY = Math.Max(cy - ring + 1, 0);
        var toY = Math.Min(cy + ring - 1, _rows - 1);
        foreach (var x in (ReadOnlySpan<long>)[cx - ring, cx + ring])
        {
            if (x >= 0 && x < _columns)
            {
                for (var y = fromY; y <= toY; y++)
                {
                    ScanCell(x, y, target, ref best, ref bestDistance);
                }
            }
        }
    }

    private void ScanCell(long x, long y, GridPoint target, ref int best, ref int bestDistance)
    {
        if (x < 0 || y < 0 || x >= _columns || y >= _rows)
        {
            return;
        }

        var cell = (int)((y * _columns) + x);
        var start = _cellStart[cell];
        var end = start + _cellLive[cell];
        for (var slot = start; slot < end; slot++)
        {
            var index = _members[slot];
            var candidate = _robots[index];
            var distance = candidate.Position.ManhattanDistanceTo(target);
            if (best < 0 || RobotPreference.IsBetter(distance, candidate, bestDistance, _robots[best]))
            {
                best = index;
                bestDistance = distance;
            }
        }
    }

    private void Remove(int index)
    {
        var p = _robots[index].Position;
        var cell = (int)((((long)p.Y - _minY) / _cellSize * _columns) + (((long)p.X - _minX) / _cellSize));
        var lastSlot = _cellStart[cell] + _cellLive[cell] - 1;
        var slot = _slotOf[index];
        var moved = _members[lastSlot];
        _members[slot] = moved;
        _slotOf[moved] = slot;
        _members[lastSlot] = index;
        _slotOf[index] = lastSlot;
        _cellLive[cell]--;
        _live--;
    }

    private static long CeilDiv(long value, long divisor) => (value + divisor - 1) / divisor;

    private static long FloorDiv(long value, long divisor) => value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);

    private static long OutsideBy(long cell, int count) => cell < 0 ? -cell : cell >= count ? cell - count + 1 : 0;
}
