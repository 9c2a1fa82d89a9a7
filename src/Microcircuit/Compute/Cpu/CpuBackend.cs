namespace Microcircuit.Compute.Cpu;

/// <summary>
/// The reference back end: this library's SIMD kernels (AVX2 + FMA where present) on the host, with long passes shared
/// out over <see cref="Threads"/> threads in blocks that give the same bits for any count. Stateless apart from per-call
/// scratch, so one instance may serve every network that uses the same thread count.
/// </summary>
public sealed partial class CpuBackend : IComputeBackend
{
    [ThreadStatic] private static float[]? t_blockCounts;

    /// <param name="threads">Worker threads for the products, convolutions and long per-cell passes (at least 1).</param>
    public CpuBackend(int threads = 1)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), "A back end needs at least one thread.");
        Threads = threads;
    }

    /// <summary>One thread: the caller's.</summary>
    public static CpuBackend Serial { get; } = new(1);

    public string Device => $"the host, {Threads} of its {Environment.ProcessorCount} processors";

    public int Threads { get; }
}
