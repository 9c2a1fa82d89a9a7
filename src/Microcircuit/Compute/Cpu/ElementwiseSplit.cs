namespace Microcircuit.Compute.Cpu;

/// <summary>
/// How a pass over independent items (cells of a LIF update, local errors, traces, pooled planes) is shared between
/// threads: contiguous blocks, each item computed by exactly the code and vector lanes one thread would use, so
/// the results are the same bits for any thread count. Block boundaries fall on multiples of
/// <see cref="Alignment"/> items, so the single thread's SIMD tail stays the same tail. A split is made only when
/// every thread gets at least <see cref="MinItemsPerThread"/> items' worth of work: below that the thread pool's
/// hand-off costs more than the pass (a LIF update of 64 K cells takes ~50 µs).
/// </summary>
internal static class ElementwiseSplit
{
    /// <summary>The fewest elements (or element-equivalents of work) a thread's block may hold.</summary>
    public const int MinItemsPerThread = 1 << 16;

    /// <summary>Block boundaries are multiples of this many items (two 256-bit vectors, one 512-bit one).</summary>
    public const int Alignment = 16;

    /// <summary>Threads for <paramref name="count"/> items each costing <paramref name="itemCost"/> elements of work.</summary>
    public static int Parts(int count, int threads, int itemCost = 1)
    {
        if (threads <= 1 || count <= 0) return 1;
        long worth = (long)count * Math.Max(1, itemCost) / MinItemsPerThread;
        return (int)Math.Max(1, Math.Min(Math.Min(threads, worth), count / Alignment));
    }

    /// <summary>Where block <paramref name="part"/> of <paramref name="parts"/> starts (the end of the last is <paramref name="count"/>).</summary>
    public static int Start(int count, int part, int parts) =>
        part >= parts ? count : (int)((long)count * part / parts) & ~(Alignment - 1);

    /// <summary>Runs <paramref name="body"/>(part, start, end) over <paramref name="parts"/> aligned blocks of 0..count.</summary>
    public static void Run(int parts, int count, Action<int, int, int> body) =>
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts },
            part => body(part, Start(count, part, parts), Start(count, part + 1, parts)));
}
