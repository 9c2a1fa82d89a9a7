namespace Microcircuit.Gpu;

public sealed partial class IlgpuBackend
{
    public void GemmNN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate) =>
        Gemm(a, b, c, m, n, k, accumulate, aRow: k, aColumn: 1, bRow: n, bColumn: 1);

    public void GemmNT(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate) =>
        Gemm(a, b, c, m, n, k, accumulate, aRow: k, aColumn: 1, bRow: 1, bColumn: k);

    public void GemmTN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate) =>
        Gemm(a, b, c, m, n, k, accumulate, aRow: 1, aColumn: m, bRow: n, bColumn: 1);

    private void Gemm(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate,
        int aRow, int aColumn, int bRow, int bColumn)
    {
        if (m == 0 || n == 0) return;
        var cView = accumulate ? _staging.In(2, c[..(m * n)]) : _staging.Out(2, c[..(m * n)]);
        _gemm(new ILGPU.Index2D(n, m), _staging.In(0, a[..(m * k)]), _staging.In(1, b[..(k * n)]), cView, n, k, aRow, aColumn, bRow, bColumn, accumulate ? 1 : 0);
        _staging.Back(2, c[..(m * n)]);
    }

    public void SpikeGemm(ReadOnlySpan<float> spikes, ReadOnlySpan<float> transposedWeights, Span<float> c, int m, int n, int k, bool accumulate)
    {
        if (m == 0 || n == 0) return;
        var cView = accumulate ? _staging.In(2, c[..(m * n)]) : _staging.Out(2, c[..(m * n)]);
        _spikeGemm(new ILGPU.Index2D(n, m), _staging.In(0, spikes[..(m * k)]), _staging.In(1, transposedWeights[..(k * n)]), cView, n, k, accumulate ? 1 : 0);
        _staging.Back(2, c[..(m * n)]);
    }

    public void Transpose(ReadOnlySpan<float> source, Span<float> destination, int rows, int columns)
    {
        int n = rows * columns;
        if (n == 0) return;
        _transpose(n, _staging.In(0, source[..n]), _staging.Out(1, destination[..n]), rows, columns);
        _staging.Back(1, destination[..n]);
    }
}
