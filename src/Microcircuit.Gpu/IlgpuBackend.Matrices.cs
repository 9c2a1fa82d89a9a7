using ILGPU;
using ILGPU.Runtime;

namespace Microcircuit.Gpu;

public sealed partial class IlgpuBackend
{
    public void GemmNN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate) =>
        Gemm(a, b, c, m, n, k, accumulate, ProductLayout.NN);

    public void GemmNT(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate) =>
        Gemm(a, b, c, m, n, k, accumulate, ProductLayout.NT);

    public void GemmTN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate) =>
        Gemm(a, b, c, m, n, k, accumulate, ProductLayout.TN);

    private void Gemm(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate, ProductLayout layout)
    {
        if (m == 0 || n == 0) return;
        var cView = accumulate ? _staging.In(2, c[..(m * n)]) : _staging.Out(2, c[..(m * n)]);
        var aView = _staging.In(0, a[..(m * k)]);
        var bView = _staging.In(1, b[..(k * n)]);
        if (k == 0)
        {
            if (!accumulate) cView.MemSetToZero();
        }
        else if (_blas is not null) _blas.Gemm(layout, aView, bView, cView, m, n, k, accumulate);
        else
        {
            var (aRow, aColumn) = layout == ProductLayout.TN ? (1, m) : (k, 1);
            var (bRow, bColumn) = layout == ProductLayout.NT ? (1, k) : (n, 1);
            int t = _tile, add = accumulate ? 1 : 0;
            if (_grouped)
                _tiledGemm(new KernelConfig(new Index2D((n + t - 1) / t, (m + t - 1) / t), new Index2D(t, t)), aView, bView, cView, m, n, k, aRow, aColumn, bRow, bColumn, add);
            else
                _gemm(new Index2D(n, m), aView, bView, cView, n, k, aRow, aColumn, bRow, bColumn, add);
        }
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
