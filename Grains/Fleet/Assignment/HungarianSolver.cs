namespace MultiAgent.Grains.Fleet.Assignment;

/// <summary>
/// Minimum-cost assignment (the Hungarian method, shortest augmenting paths with row and column
/// potentials): each row gets a distinct column and the sum of costs is minimal. O(rows² × columns)
/// for rows ≤ columns; a matrix with more rows than columns is solved transposed, and the rows left
/// over stay unassigned.
/// </summary>
public static class HungarianSolver
{
    public const int Unassigned = -1;

    /// <returns>For each row, its column, or <see cref="Unassigned"/> when there are more rows than columns.</returns>
    public static int[] Solve<TCost>(TCost cost)
        where TCost : struct, ICostMatrix
    {
        if (cost.Rows <= cost.Columns)
        {
            return SolveWide(cost);
        }

        var columnToRow = SolveWide(new Transposed<TCost>(cost));
        var rowToColumn = new int[cost.Rows];
        Array.Fill(rowToColumn, Unassigned);
        for (var column = 0; column < columnToRow.Length; column++)
        {
            rowToColumn[columnToRow[column]] = column;
        }

        return rowToColumn;
    }

    /// <summary>Total cost of an answer of <see cref="Solve"/>.</summary>
    public static long TotalCost<TCost>(TCost cost, int[] rowToColumn)
        where TCost : struct, ICostMatrix
    {
        long total = 0;
        for (var row = 0; row < rowToColumn.Length; row++)
        {
            if (rowToColumn[row] != Unassigned)
            {
                total += cost.Cost(row, rowToColumn[row]);
            }
        }

        return total;
    }

    // Rows are added one at a time; each finds a shortest augmenting path (Dijkstra on reduced costs
    // u[i] + v[j] ≤ cost) from its row to a free column, then flips the path. Index 0 is a virtual
    // column that roots the path, so arrays are 1-based.
    private static int[] SolveWide<TCost>(TCost cost)
        where TCost : struct, ICostMatrix
    {
        int n = cost.Rows, m = cost.Columns;
        var u = new long[n + 1];
        var v = new long[m + 1];
        var rowOfColumn = new int[m + 1];
        var previousColumn = new int[m + 1];
        var minSlack = new long[m + 1];
        var visited = new bool[m + 1];

        for (var row = 1; row <= n; row++)
        {
            rowOfColumn[0] = row;
            var column = 0;
            Array.Fill(minSlack, long.MaxValue);
            Array.Clear(visited);
            do
            {
                visited[column] = true;
                var pathRow = rowOfColumn[column];
                var delta = long.MaxValue;
                var nextColumn = 0;
                var uRow = u[pathRow];
                for (var j = 1; j <= m; j++)
                {
                    if (visited[j])
                    {
                        continue;
                    }

                    var reduced = cost.Cost(pathRow - 1, j - 1) - uRow - v[j];
                    if (reduced < minSlack[j])
                    {
                        minSlack[j] = reduced;
                        previousColumn[j] = column;
                    }

                    if (minSlack[j] < delta)
                    {
                        delta = minSlack[j];
                        nextColumn = j;
                    }
                }

                for (var j = 0; j <= m; j++)
                {
                    if (visited[j])
                    {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minSlack[j] -= delta;
                    }
                }

                column = nextColumn;
            }
            while (rowOfColumn[column] != 0);

            // Flip the augmenting path back to the virtual column.
            do
            {
                var previous = previousColumn[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            }
            while (column != 0);
        }

        var assignment = new int[n];
        for (var j = 1; j <= m; j++)
        {
            if (rowOfColumn[j] != 0)
            {
                assignment[rowOfColumn[j] - 1] = j - 1;
            }
        }

        return assignment;
    }

    private readonly struct Transposed<TCost>(TCost inner) : ICostMatrix
        where TCost : struct, ICostMatrix
    {
        public int Rows => inner.Columns;

        public int Columns => inner.Rows;

        public long Cost(int row, int column) => inner.Cost(column, row);
    }
}
