namespace Microcircuit.Tensors;

/// <summary>
/// How <see cref="Convolution"/> groups a batch: the images of a chunk are unfolded side by side into one column
/// matrix [C_in·kh·kw × images·pixels], so each product is one wide GEMM instead of one narrow GEMM per image.
/// Also moves the per-image [C_out × pixels] blocks between the batch-major layout and the chunk's
/// [C_out × images·pixels] product matrix.
/// </summary>
internal static class ConvolutionChunk
{
    /// <summary>Floats the larger of the two chunk buffers may hold (4 MiB): wide enough to feed the GEMM, small enough to stay in cache.</summary>
    public static int Budget = 1 << 20;

    /// <summary>Images per chunk: as many as fit the budget, at least one, at most the batch.</summary>
    public static int Images(in ConvolutionShape shape, int batch)
    {
        long perImage = (long)Math.Max(shape.ColumnRows, shape.OutputChannels) * shape.OutputPixels;
        return (int)Math.Clamp(Budget / perImage, 1, Math.Max(batch, 1));
    }

    /// <summary>Unfolds images first … first+count−1 of x side by side into columns with rows count·pixels wide.</summary>
    public static void Unfold(in ConvolutionShape shape, ReadOnlySpan<float> x, int first, int count, Span<float> columns)
    {
        int inSize = shape.InputSize, pixels = shape.OutputPixels, width = count * pixels;
        for (int j = 0; j < count; j++)
        {
            Im2Col.Unfold(shape, x.Slice((first + j) * inSize, inSize), columns[(j * pixels)..], width);
        }
    }

    /// <summary>product[o, j·pixels + p] = batch[first + j, o, p]: the chunk's images as one [C_out × count·pixels] matrix.</summary>
    public static void Gather(in ConvolutionShape shape, ReadOnlySpan<float> batch, int first, int count, Span<float> product)
    {
        int pixels = shape.OutputPixels, outSize = shape.OutputSize, width = count * pixels;
        for (int j = 0; j < count; j++)
        {
            var image = batch.Slice((first + j) * outSize, outSize);
            for (int o = 0; o < shape.OutputChannels; o++)
            {
                image.Slice(o * pixels, pixels).CopyTo(product.Slice(o * width + j * pixels, pixels));
            }
        }
    }

    /// <summary>The inverse of <see cref="Gather"/>: batch[first + j, o, p] = product[o, j·pixels + p].</summary>
    public static void Scatter(in ConvolutionShape shape, ReadOnlySpan<float> product, int first, int count, Span<float> batch)
    {
        int pixels = shape.OutputPixels, outSize = shape.OutputSize, width = count * pixels;
        for (int j = 0; j < count; j++)
        {
            var image = batch.Slice((first + j) * outSize, outSize);
            for (int o = 0; o < shape.OutputChannels; o++)
            {
                product.Slice(o * width + j * pixels, pixels).CopyTo(image.Slice(o * pixels, pixels));
            }
        }
    }
}
