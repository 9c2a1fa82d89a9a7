using ILGPU;
using ILGPU.Runtime;

namespace Microcircuit.Gpu;

public sealed partial class IlgpuBackend
{
    public void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination) => Pairwise(_add, x, y, destination);

    /// <summary>destination = kernel(x, y), element by element.</summary>
    private void Pairwise(Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>> kernel, ReadOnlySpan<float> x, ReadOnlySpan<float> y,
        Span<float> destination)
    {
        int n = x.Length;
        if (n == 0) return;
        kernel(n, _staging.In(0, x), _staging.In(1, y[..n]), _staging.Out(2, destination[..n]));
        _staging.Back(2, destination[..n]);
    }

    public void AddToRows(Span<float> matrix, ReadOnlySpan<float> row, int rows)
    {
        int n = rows * row.Length;
        if (n == 0) return;
        _addToRows(n, _staging.In(0, matrix[..n]), _staging.In(1, row), row.Length);
        _staging.Back(0, matrix[..n]);
    }

    public void SumRows(ReadOnlySpan<float> matrix, Span<float> sum, int rows)
    {
        int width = sum.Length;
        if (width == 0) return;
        _sumRows(width, _staging.In(0, matrix[..(rows * width)]), _staging.In(1, sum), rows, width);
        _staging.Back(1, sum);
    }

    public void AddToPlanes(Span<float> images, ReadOnlySpan<float> bias, int batch, int pixels)
    {
        int n = batch * bias.Length * pixels;
        if (n == 0) return;
        _addToPlanes(n, _staging.In(0, images[..n]), _staging.In(1, bias), bias.Length, pixels);
        _staging.Back(0, images[..n]);
    }

    public void SumPlanes(ReadOnlySpan<float> images, Span<float> sum, int batch, int pixels)
    {
        int channels = sum.Length;
        if (channels == 0) return;
        _sumPlanes(channels, _staging.In(0, images[..(batch * channels * pixels)]), _staging.In(1, sum), batch, channels, pixels);
        _staging.Back(1, sum);
    }

    public void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination) => Pairwise(_multiply, x, y, destination);

    public void Multiply(ReadOnlySpan<float> x, float c, Span<float> destination)
    {
        int n = x.Length;
        if (n == 0) return;
        _multiplyScalar(n, _staging.In(0, x), c, _staging.Out(1, destination[..n]));
        _staging.Back(1, destination[..n]);
    }

    public void MultiplyAdd(ReadOnlySpan<float> x, float c, ReadOnlySpan<float> addend, Span<float> destination)
    {
        int n = x.Length;
        if (n == 0) return;
        _multiplyAdd(n, _staging.In(0, x), c, _staging.In(1, addend[..n]), _staging.Out(2, destination[..n]));
        _staging.Back(2, destination[..n]);
    }

    public float Sum(ReadOnlySpan<float> x) => (float)Reduce(x, x, 0);

    public float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => (float)Reduce(x, y, 1);

    public float Norm(ReadOnlySpan<float> x) => (float)Math.Sqrt(Reduce(x, x, 2));

    /// <summary>Σx (mode 0), Σx·y (1) or Σx² (2): partial sums in double on the device, added there in order; one number comes back.</summary>
    private double Reduce(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int mode)
    {
        int n = x.Length;
        if (n == 0) return 0;
        int parts = Math.Min(n, 1024);
        var partial = _staging.Partials(parts + 1);
        _partialDot(parts, _staging.In(0, x), mode == 1 ? _staging.In(1, y[..n]) : _staging.Scratch(1, 1), mode, n, parts, partial);
        _sumPartials(1, partial, parts);
        _accelerator.Synchronize();
        Span<double> total = stackalloc double[1];
        partial.SubView(parts, 1).CopyToCPU(total);
        Transfers.ToHost(2);
        return total[0];
    }
}
