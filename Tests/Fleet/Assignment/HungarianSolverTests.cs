using MultiAgent.Grains.Fleet.Assignment;

namespace MultiAgent.Tests.Fleet.Assignment;

public sealed class HungarianSolverTests
{
    [Fact]
    public void Solves_a_textbook_square_matrix()
    {
        long[,] costs =
        {
            { 4, 1, 3 },
            { 2, 0, 5 },
            { 3, 2, 2 },
        };

        var answer = HungarianSolver.Solve(new ArrayCost(costs));

        // (0→1, 1→0, 2→2) = 1 + 2 + 2 = 5 is the minimum of {4+0+2=6, 4+5+2=11, 1+2+2=5, 1+5+3=9, 3+2+2=7, 3+0+3=6}.
        Assert.Equal([1, 0, 2], answer);
        Assert.Equal(5, HungarianSolver.TotalCost(new ArrayCost(costs), answer));
    }

    [Fact]
    public void A_wide_matrix_leaves_the_costly_columns_unused()
    {
        long[,] costs =
        {
            { 9, 1, 9, 9 },
            { 9, 9, 9, 2 },
        };

        Assert.Equal([1, 3], HungarianSolver.Solve(new ArrayCost(costs)));
    }

    [Fact]
    public void A_tall_matrix_leaves_the_costly_rows_unassigned()
    {
        long[,] costs =
        {
            { 7, 7 },
            { 1, 9 },
            { 9, 1 },
        };

        Assert.Equal([HungarianSolver.Unassigned, 0, 1], HungarianSolver.Solve(new ArrayCost(costs)));
    }

    [Fact]
    public void Empty_matrices_have_empty_answers()
    {
        Assert.Empty(HungarianSolver.Solve(new ArrayCost(new long[0, 0])));
        Assert.Empty(HungarianSolver.Solve(new ArrayCost(new long[0, 3])));
        Assert.Equal([HungarianSolver.Unassigned, HungarianSolver.Unassigned], HungarianSolver.Solve(new ArrayCost(new long[2, 0])));
    }

    [Fact]
    public void Matches_brute_force_on_random_matrices_of_every_shape_up_to_six()
    {
        var random = new Random(42);
        for (var round = 0; round < 400; round++)
        {
            var rows = random.Next(1, 7);
            var columns = random.Next(1, 7);
            var costs = new long[rows, columns];
            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < columns; j++)
                {
                    costs[i, j] = random.Next(0, round % 2 == 0 ? 5 : 1_000); // few values → many ties
                }
            }

            var answer = HungarianSolver.Solve(new ArrayCost(costs));

            Assert.Equal(Math.Min(rows, columns), answer.Count(c => c != HungarianSolver.Unassigned));
            Assert.Equal(answer.Where(c => c != HungarianSolver.Unassigned).Distinct().Count(), answer.Count(c => c != HungarianSolver.Unassigned));
            Assert.Equal(BruteForce(costs), HungarianSolver.TotalCost(new ArrayCost(costs), answer));
        }
    }

    private static long BruteForce(long[,] costs)
    {
        int rows = costs.GetLength(0), columns = costs.GetLength(1);
        var used = new bool[Math.Max(rows, columns)];
        return rows <= columns ? Search(0) : SearchTransposed(0);

        long Search(int row)
        {
            if (row == rows)
            {
                return 0;
            }

            var best = long.MaxValue;
            for (var c = 0; c < columns; c++)
            {
                if (!used[c])
                {
                    used[c] = true;
                    best = Math.Min(best, costs[row, c] + Search(row + 1));
                    used[c] = false;
                }
            }

            return best;
        }

        long SearchTransposed(int column)
        {
            if (column == columns)
            {
                return 0;
            }

            var best = long.MaxValue;
            for (var r = 0; r < rows; r++)
            {
                if (!used[r])
                {
                    used[r] = true;
                    best = Math.Min(best, costs[r, column] + SearchTransposed(column + 1));
                    used[r] = false;
                }
            }

            return best;
        }
    }

    private readonly struct ArrayCost(long[,] costs) : ICostMatrix
    {
        public int Rows => costs.GetLength(0);

        public int Columns => costs.GetLength(1);

        public long Cost(int row, int column) => costs[row, column];
    }
}
