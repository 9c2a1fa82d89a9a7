using System.Runtime.Intrinsics;

namespace Microcircuit.Compute.Cpu;

/// <summary>
/// The adjoint of <see cref="Im2Col.Unfold"/>: scatter-adds columns [C_in·kh·kw × H_out·W_out] back onto a
/// channel-major image [C_in × H × W], each entry onto the pixel it was read from (padding taps are dropped).
/// </summary>
public static class Col2Im
{
    /// <summary>image += fold(columns). Clear the image first for a plain fold.</summary>
    public static unsafe void Accumulate(in ConvolutionShape shape, ReadOnlySpan<float> columns, Span<float> image)
    {
        ConvolutionArguments.Need(columns.Length, shape.ColumnSize, nameof(columns));
        ConvolutionArguments.Need(image.Length, shape.InputSize, nameof(image));
        int height = shape.Height, width = shape.Width, stride = shape.Stride, padding = shape.Padding;
        int outHeight = shape.OutputHeight, outWidth = shape.OutputWidth, pixels = shape.OutputPixels;
        fixed (float* unfolded = columns)
        fixed (float* target = image)
        {
            float* source = unfolded;
            for (int c = 0; c < shape.InputChannels; c++)
            {
                float* plane = target + (long)c * height * width;
                for (int i = 0; i < shape.KernelHeight; i++)
                {
                    var rows = ColumnRange.For(i, height, outHeight, stride, padding);
                    for (int j = 0; j < shape.KernelWidth; j++, source += pixels)
                    {
                        var cols = ColumnRange.For(j, width, outWidth, stride, padding);
                        int count = cols.End - cols.First;
                        if (count == 0)
                        {
                            continue;
                        }
                        for (int y = rows.First; y < rows.End; y++)
                        {
                            float* line = source + y * outWidth + cols.First;
                            float* pixel = plane + (long)(y * stride - padding + i) * width + cols.First * stride - padding + j;
                            if (stride == 1)
                            {
                                Add(line, pixel, count);
                            }
                            else
                            {
                                for (int x = 0; x < count; x++)
                                {
                                    pixel[(long)x * stride] += line[x];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>to[x] += from[x] for x &lt; count.</summary>
    private static unsafe void Add(float* from, float* to, int count)
    {
        int x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; x <= count - Vector256<float>.Count; x += Vector256<float>.Count)
            {
                Vector256.Store(Vector256.Load(to + x) + Vector256.Load(from + x), to + x);
            }
        }
        for (; x < count; x++)
        {
            to[x] += from[x];
        }
    }
}
