using ILGPU;

namespace Microcircuit.Gpu;

/// <summary>Element-wise device kernels: one thread per element (the float operations in the CPU back end's order).</summary>
internal static class ElementwiseKernels
{
    public static void Add(Index1D i, ArrayView<float> x, ArrayView<float> y, ArrayView<float> d) => d[i] = x[i] + y[i];

    public static void AddToRows(Index1D i, ArrayView<float> m, ArrayView<float> row, int width) => m[i] = m[i] + row[i % width];

    /// <summary>One thread per column: the rows summed in order.</summary>
    public static void SumRows(Index1D j, ArrayView<float> m, ArrayView<float> sum, int rows, int width)
    {
        float s = sum[j];
        for (int r = 0; r < rows; r++) s += m[r * width + j];
        sum[j] = s;
    }

    /// <summary>One thread per element of [batch × channels × pixels]: its channel's bias added.</summary>
    public static void AddToPlanes(Index1D i, ArrayView<float> images, ArrayView<float> bias, int channels, int pixels) =>
        images[i] = images[i] + bias[i / pixels % channels];

    /// <summary>One thread per channel: its planes summed over the batch, in order.</summary>
    public static void SumPlanes(Index1D c, ArrayView<float> images, ArrayView<float> sum, int batch, int channels, int pixels)
    {
        float s = sum[c];
        for (int b = 0; b < batch; b++)
        {
            float plane = 0f;
            int start = (b * channels + c) * pixels;
            for (int p = 0; p < pixels; p++) plane += images[start + p];
            s += plane;
        }
        sum[c] = s;
    }

    public static void Multiply(Index1D i, ArrayView<float> x, ArrayView<float> y, ArrayView<float> d) => d[i] = x[i] * y[i];

    public static void MultiplyScalar(Index1D i, ArrayView<float> x, float c, ArrayView<float> d) => d[i] = x[i] * c;

    public static void MultiplyAdd(Index1D i, ArrayView<float> x, float c, ArrayView<float> a, ArrayView<float> d) => d[i] = x[i] * c + a[i];

    /// <summary>Partial sums of x·y (<paramref name="mode"/> 0: Σx, 1: Σx·y, 2: Σx·x) over strided chunks, one per thread.</summary>
    public static void PartialDot(Index1D part, ArrayView<float> x, ArrayView<float> y, int mode, int n, int parts, ArrayView<double> partial)
    {
        double s = 0;
        for (int i = part; i < n; i += parts)
            s += mode == 0 ? x[i] : mode == 1 ? (double)x[i] * y[i] : (double)x[i] * x[i];
        partial[part] = s;
    }

    /// <summary>partial[parts] = Σ partial[0 .. parts − 1], in order, by one thread: the reduction's last stage, so one number comes back.</summary>
    public static void SumPartials(Index1D one, ArrayView<double> partial, int parts)
    {
        double total = 0;
        for (int p = 0; p < parts; p++) total += partial[p];
        partial[parts] = total;
    }

    public static void Transpose(Index1D i, ArrayView<float> source, ArrayView<float> destination, int rows, int columns)
    {
        int r = i / columns, c = i % columns;
        destination[c * rows + r] = source[i];
    }
}
