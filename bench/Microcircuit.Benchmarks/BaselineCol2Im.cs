using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;

namespace Microcircuit.Benchmarks;

/// <summary>
/// The adjoint of <see cref="Im2Col.Unfold"/>: scatter-adds columns [C_in·kh·kw × H_out·W_out] back onto a
/// channel-major image [C_in × H × W], each entry onto the pixel it was read from (padding taps are dropped).
/// </summary>
internal static class BaselineCol2Im
{
    /// <summary>image += fold(columns). Clear the image first for a plain fold.</summary>
    public static void Accumulate(in ConvolutionShape shape, ReadOnlySpan<float> columns, Span<float> image)
    {
        ConvolutionArguments.Need(columns.Length, shape.ColumnSize, nameof(columns));
        ConvolutionArguments.Need(image.Length, shape.InputSize, nameof(image));
        int height = shape.Height, width = shape.Width, stride = shape.Stride;
        int outHeight = shape.OutputHeight, outWidth = shape.OutputWidth, pixels = shape.OutputPixels;
        int row = 0;
        for (int c = 0; c < shape.InputChannels; c++)
        {
            var plane = image.Slice(c * height * width, height * width);
            for (int i = 0; i < shape.KernelHeight; i++)
            {
                var rows = ColumnRange.For(i, height, outHeight, stride, shape.Padding);
                for (int j = 0; j < shape.KernelWidth; j++, row++)
                {
                    var cols = ColumnRange.For(j, width, outWidth, stride, shape.Padding);
                    var source = columns.Slice(row * pixels, pixels);
                    int count = cols.End - cols.First;
                    if (count == 0)
                    {
                        continue;
                    }
                    for (int y = rows.First; y < rows.End; y++)
                    {
                        var line = source.Slice(y * outWidth + cols.First, count);
                        int start = (y * stride - shape.Padding + i) * width + cols.First * stride - shape.Padding + j;
                        if (stride == 1)
                        {
                            var target = plane.Slice(start, count);
                            for (int x = 0; x < count; x++)
                            {
                                target[x] += line[x];
                            }
                        }
                        else
                        {
                            for (int x = 0; x < count; x++)
                            {
                                plane[start + x * stride] += line[x];
                            }
                        }
                    }
                }
            }
        }
    }
}
