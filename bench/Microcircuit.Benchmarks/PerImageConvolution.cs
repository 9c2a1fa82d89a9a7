using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;

namespace Microcircuit.Benchmarks;

/// <summary>
/// The convolution products as they were before this benchmark was written: the original im2col/col2im and one GEMM per image.
/// Kept here only as the baseline of <see cref="ConvolutionSpeed"/>.
/// </summary>
internal static class PerImageConvolution
{
    public static void Forward(in ConvolutionShape shape, int batch, float[] x, float[] kernel, float[] y, float[] columns)
    {
        for (int b = 0; b < batch; b++)
        {
            BaselineIm2Col.Unfold(shape, x.AsSpan(b * shape.InputSize, shape.InputSize), columns);
            Gemm.NN(kernel, columns, y.AsSpan(b * shape.OutputSize, shape.OutputSize),
                shape.OutputChannels, shape.OutputPixels, shape.ColumnRows);
        }
    }

    public static void InputGradient(in ConvolutionShape shape, int batch, float[] dy, float[] kernel, float[] dx, float[] columns)
    {
        for (int b = 0; b < batch; b++)
        {
            Gemm.TN(kernel, dy.AsSpan(b * shape.OutputSize, shape.OutputSize), columns,
                shape.ColumnRows, shape.OutputPixels, shape.OutputChannels);
            var image = dx.AsSpan(b * shape.InputSize, shape.InputSize);
            image.Clear();
            BaselineCol2Im.Accumulate(shape, columns, image);
        }
    }

    public static void KernelGradient(in ConvolutionShape shape, int batch, float[] dy, float[] x, float[] dK, float[] columns)
    {
        for (int b = 0; b < batch; b++)
        {
            BaselineIm2Col.Unfold(shape, x.AsSpan(b * shape.InputSize, shape.InputSize), columns);
            Gemm.NT(dy.AsSpan(b * shape.OutputSize, shape.OutputSize), columns, dK,
                shape.OutputChannels, shape.ColumnRows, shape.OutputPixels, accumulate: true);
        }
    }
}
