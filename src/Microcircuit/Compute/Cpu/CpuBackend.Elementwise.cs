using System.Numerics.Tensors;

namespace Microcircuit.Compute.Cpu;

public sealed partial class CpuBackend
{
    public void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination) => TensorPrimitives.Add(x, y, destination);

    public void AddToRows(Span<float> matrix, ReadOnlySpan<float> row, int rows)
    {
        int width = row.Length;
        for (int r = 0; r < rows; r++) TensorPrimitives.Add(matrix.Slice(r * width, width), row, matrix.Slice(r * width, width));
    }

    public void SumRows(ReadOnlySpan<float> matrix, Span<float> sum, int rows)
    {
        int width = sum.Length;
        for (int r = 0; r < rows; r++) TensorPrimitives.Add(sum, matrix.Slice(r * width, width), sum);
    }

    public void AddToPlanes(Span<float> images, ReadOnlySpan<float> bias, int batch, int pixels)
    {
        int channels = bias.Length;
        for (int b = 0; b < batch; b++)
            for (int c = 0; c < channels; c++)
            {
                var plane = images.Slice((b * channels + c) * pixels, pixels);
                TensorPrimitives.Add(plane, bias[c], plane);
            }
    }

    public void SumPlanes(ReadOnlySpan<float> images, Span<float> sum, int batch, int pixels)
    {
        int channels = sum.Length;
        for (int b = 0; b < batch; b++)
            for (int c = 0; c < channels; c++) sum[c] += TensorPrimitives.Sum(images.Slice((b * channels + c) * pixels, pixels));
    }

    public void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination) => TensorPrimitives.Multiply(x, y, destination);

    public void Multiply(ReadOnlySpan<float> x, float c, Span<float> destination) => TensorPrimitives.Multiply(x, c, destination);

    public void MultiplyAdd(ReadOnlySpan<float> x, float c, ReadOnlySpan<float> addend, Span<float> destination) =>
        TensorPrimitives.MultiplyAdd(x, c, addend, destination);

    public float Sum(ReadOnlySpan<float> x) => TensorPrimitives.Sum(x);

    public float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => TensorPrimitives.Dot(x, y);

    public float Norm(ReadOnlySpan<float> x) => TensorPrimitives.Norm(x);
}
