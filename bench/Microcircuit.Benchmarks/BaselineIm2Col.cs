using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;

namespace Microcircuit.Benchmarks;

/// <summary>
/// Unfolds one channel-major image [C_in × H × W] into columns [C_in·kh·kw × H_out·W_out]: row
/// (c·kh + i)·kw + j, column y·W_out + x holds image[c, y·s − p + i, x·s − p + j], zero outside the image.
/// A convolution then becomes kernel [C_out × C_in·kh·kw] times these columns.
/// </summary>
internal static class BaselineIm2Col
{
    public static void Unfold(in ConvolutionShape shape, ReadOnlySpan<float> image, Span<float> columns)
    {
        ConvolutionArguments.Need(image.Length, shape.InputSize, nameof(image));
        ConvolutionArguments.Need(columns.Length, shape.ColumnSize, nameof(columns));
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
                    var target = columns.Slice(row * pixels, pixels);
                    target[..(rows.First * outWidth)].Clear();
                    target[(rows.End * outWidth)..].Clear();
                    int count = cols.End - cols.First;
                    if (count == 0)
                    {
                        target.Clear();
                        continue;
                    }
                    for (int y = rows.First; y < rows.End; y++)
                    {
                        var line = target.Slice(y * outWidth, outWidth);
                        line[..cols.First].Clear();
                        line[cols.End..].Clear();
                        int start = (y * stride - shape.Padding + i) * width + cols.First * stride - shape.Padding + j;
                        if (stride == 1)
                        {
                            plane.Slice(start, count).CopyTo(line.Slice(cols.First, count));
                        }
                        else
                        {
                            for (int x = 0; x < count; x++)
                            {
                                line[cols.First + x] = plane[start + x * stride];
                            }
                        }
                    }
                }
            }
        }
    }
}
