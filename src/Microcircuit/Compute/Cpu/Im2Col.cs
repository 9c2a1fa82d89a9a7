namespace Microcircuit.Compute.Cpu;

/// <summary>
/// Unfolds one channel-major image [C_in × H × W] into columns [C_in·kh·kw × H_out·W_out]: row
/// (c·kh + i)·kw + j, column y·W_out + x holds image[c, y·s − p + i, x·s − p + j], zero outside the image.
/// A convolution then becomes kernel [C_out × C_in·kh·kw] times these columns.
/// </summary>
public static class Im2Col
{
    public static unsafe void Unfold(in ConvolutionShape shape, ReadOnlySpan<float> image, Span<float> columns)
    {
        ConvolutionArguments.Need(image.Length, shape.InputSize, nameof(image));
        ConvolutionArguments.Need(columns.Length, shape.ColumnSize, nameof(columns));
        int height = shape.Height, width = shape.Width, stride = shape.Stride, padding = shape.Padding;
        int outHeight = shape.OutputHeight, outWidth = shape.OutputWidth, pixels = shape.OutputPixels;
        // Stride 1 with "same" width: a tap's valid lines are one contiguous run of the plane, shifted.
        bool contiguous = stride == 1 && outWidth == width;
        fixed (float* source = image)
        fixed (float* unfolded = columns)
        {
            float* target = unfolded;
            for (int c = 0; c < shape.InputChannels; c++)
            {
                float* plane = source + (long)c * height * width;
                for (int i = 0; i < shape.KernelHeight; i++)
                {
                    var rows = ColumnRange.For(i, height, outHeight, stride, padding);
                    for (int j = 0; j < shape.KernelWidth; j++, target += pixels)
                    {
                        var cols = ColumnRange.For(j, width, outWidth, stride, padding);
                        int lines = rows.End - rows.First, count = cols.End - cols.First;
                        Clear(target, rows.First * outWidth);
                        Clear(target + rows.End * outWidth, (outHeight - rows.End) * outWidth);
                        float* block = target + rows.First * outWidth;
                        if (count == 0)
                        {
                            Clear(block, lines * outWidth);
                            continue;
                        }
                        if (lines == 0)
                        {
                            continue; // every line reads padding and is already cleared
                        }
                        float* first = plane + (long)(rows.First * stride - padding + i) * width;
                        int shift = j - padding;
                        if (contiguous)
                        {
                            CopyShifted(first, block, lines * width, shift);
                        }
                        for (int y = 0; y < lines; y++)
                        {
                            float* line = block + y * outWidth;
                            Clear(line, cols.First);
                            Clear(line + cols.End, outWidth - cols.End);
                            if (!contiguous)
                            {
                                Gather(first + (long)y * stride * width + cols.First * stride + shift, line + cols.First, count, stride);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>block[t] = run[t + shift] wherever that lies inside the run of <paramref name="length"/> floats.</summary>
    private static unsafe void CopyShifted(float* run, float* block, int length, int shift)
    {
        if (shift >= 0)
        {
            Buffer.MemoryCopy(run + shift, block, (long)(length - shift) * sizeof(float), (long)(length - shift) * sizeof(float));
        }
        else
        {
            Buffer.MemoryCopy(run, block - shift, (long)(length + shift) * sizeof(float), (long)(length + shift) * sizeof(float));
        }
    }

    private static unsafe void Gather(float* from, float* to, int count, int stride)
    {
        if (stride == 1)
        {
            Buffer.MemoryCopy(from, to, (long)count * sizeof(float), (long)count * sizeof(float));
            return;
        }
        for (int x = 0; x < count; x++)
        {
            to[x] = from[(long)x * stride];
        }
    }

    private static unsafe void Clear(float* start, int count)
    {
        if (count > 8)
        {
            new Span<float>(start, count).Clear();
            return;
        }
        for (int x = 0; x < count; x++)
        {
            start[x] = 0f;
        }
    }
}
