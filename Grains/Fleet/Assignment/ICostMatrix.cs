namespace MultiAgent.Grains.Fleet.Assignment;

/// <summary>
/// Costs for <see cref="HungarianSolver"/>, computed on demand. Implemented by structs so the solver's
/// inner loop is specialised and inlined by the JIT instead of calling through a delegate.
/// </summary>
public interface ICostMatrix
{
    int Rows { get; }

    int Columns { get; }

    long Cost(int row, int column);
}
