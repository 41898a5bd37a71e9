namespace MultiAgent.Benchmarks.Streams;

/// <summary>One part of the streams suite; it adds its figures to <see cref="StreamsBenchContext.Report"/>.</summary>
internal interface IStreamsBenchmark
{
    Task RunAsync(StreamsBenchContext context, CancellationToken cancellationToken);
}
