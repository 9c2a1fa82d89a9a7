namespace Microcircuit.Compute.Cpu;

/// <summary>
/// How a batched convolution is shared out between threads: whole images for the forward product and the
/// input gradient (each image's product is independent), blocks of output channels for the kernel gradient
/// (each thread sums its rows of dK over the whole batch in order). A split is made only when every thread
/// gets at least <see cref="GemmDriver.MinMultiplyAddsPerThread"/> multiply-adds. The one-thread path allocates
/// nothing; a split allocates its closure and the thread pool's bookkeeping, as the GEMM's split does.
/// </summary>
internal static class ConvolutionSplit
{
    /// <summary>Threads for a product over whole images.</summary>
    public static int ImageParts(in ConvolutionShape shape, int batch, int threads) =>
        Parts(shape, batch, Math.Min(threads, batch));

    /// <summary>
    /// Threads for the kernel gradient, each holding at least <see cref="MinChannelsPerThread"/> output channels: every
    /// thread unfolds every image itself, which thinner blocks do not repay (measured in `conv-threads`: CIFAR's
    /// 3→32 and MNIST's 1→15 first layers were 0.95× and 0.66× as fast split in two).
    /// </summary>
    public static int ChannelParts(in ConvolutionShape shape, int batch, int threads) =>
        Parts(shape, batch, Math.Min(threads, shape.OutputChannels / MinChannelsPerThread));

    /// <summary>The fewest output channels a thread's block of the kernel gradient may have.</summary>
    public const int MinChannelsPerThread = 32;

    /// <summary>Runs <paramref name="body"/>(part, start, end) over <paramref name="parts"/> contiguous ranges of 0..count.</summary>
    public static void Run(int parts, int count, Action<int, int, int> body) =>
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts },
            part => body(part, (int)((long)count * part / parts), (int)((long)count * (part + 1) / parts)));

    private static int Parts(in ConvolutionShape shape, int batch, int limit)
    {
        long work = (long)batch * shape.OutputChannels * shape.OutputPixels * shape.ColumnRows;
        long worth = Math.Max(1, work / GemmDriver.MinMultiplyAddsPerThread);
        return (int)Math.Max(1, Math.Min(limit, worth));
    }
}
