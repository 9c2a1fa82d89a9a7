namespace Microcircuit.Compute.Cpu;

public sealed partial class CpuBackend
{
    public void GemmNN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate) =>
        Gemm.NN(a, b, c, m, n, k, accumulate, Threads);

    public void GemmNT(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate) =>
        Gemm.NT(a, b, c, m, n, k, accumulate, Threads);

    public void GemmTN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate) =>
        Gemm.TN(a, b, c, m, n, k, accumulate, Threads);

    public void SpikeGemm(ReadOnlySpan<float> spikes, ReadOnlySpan<float> transposedWeights, Span<float> c, int m, int n, int k, bool accumulate) =>
        Cpu.SpikeGemm.Accumulate(spikes, transposedWeights, c, m, n, k, accumulate, Threads);

    public void Transpose(ReadOnlySpan<float> source, Span<float> destination, int rows, int columns)
    {
        if (source.Length < rows * columns || destination.Length < rows * columns) throw new ArgumentException("Transpose spans are shorter than the matrix.");
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) destination[c * rows + r] = source[r * columns + c];
    }
}
