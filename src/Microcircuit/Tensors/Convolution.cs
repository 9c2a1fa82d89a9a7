namespace Microcircuit.Tensors;

/// <summary>
/// Batched 2-D convolution (cross-correlation, as in every deep-learning library) on batch-major,
/// channel-major images. Each product unfolds a chunk of images side by side (im2col) and makes one
/// <see cref="Gemm"/> call per chunk (see <see cref="ConvolutionChunk"/>).
/// x is [batch × C_in × H × W], the kernel [C_out × C_in × kh × kw], y [batch × C_out × H_out × W_out].
/// Spans may be longer than the tensors they hold.
/// </summary>
public static class Convolution
{
    /// <summary>y[b, o] = Σ_c K[o, c] ⋆ x[b, c] for every image b (y is overwritten).</summary>
    public static void Forward(in ConvolutionShape shape, int batch, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel,
        Span<float> y, ConvolutionWorkspace workspace, int threads = 1)
    {
        Check(shape, batch, x.Length, nameof(x), y.Length, nameof(y), kernel.Length, nameof(kernel));
        ArgumentNullException.ThrowIfNull(workspace);
        int chunk = ConvolutionChunk.Images(shape, batch), pixels = shape.OutputPixels;
        for (int first = 0; first < batch; first += chunk)
        {
            int count = Math.Min(chunk, batch - first), width = count * pixels;
            var columns = workspace.Columns(shape.ColumnRows * width);
            ConvolutionChunk.Unfold(shape, x, first, count, columns);
            if (count == 1)
            {
                Gemm.NN(kernel, columns, y.Slice(first * shape.OutputSize, shape.OutputSize),
                    shape.OutputChannels, width, shape.ColumnRows, accumulate: false, threads);
                continue;
            }
            var product = workspace.Products(shape.OutputChannels * width);
            Gemm.NN(kernel, columns, product, shape.OutputChannels, width, shape.ColumnRows, accumulate: false, threads);
            ConvolutionChunk.Scatter(shape, product, first, count, y);
        }
    }

    /// <summary>
    /// dx = the transposed convolution of dy through the kernel: the adjoint of <see cref="Forward"/> in x, i.e.
    /// the error a convolutional layer sends back (pass a feedback kernel for non-symmetric feedback). dx is overwritten.
    /// </summary>
    public static void InputGradient(in ConvolutionShape shape, int batch, ReadOnlySpan<float> dy, ReadOnlySpan<float> kernel,
        Span<float> dx, ConvolutionWorkspace workspace, int threads = 1)
    {
        Check(shape, batch, dx.Length, nameof(dx), dy.Length, nameof(dy), kernel.Length, nameof(kernel));
        ArgumentNullException.ThrowIfNull(workspace);
        int chunk = ConvolutionChunk.Images(shape, batch), pixels = shape.OutputPixels, inSize = shape.InputSize;
        for (int first = 0; first < batch; first += chunk)
        {
            int count = Math.Min(chunk, batch - first), width = count * pixels;
            ReadOnlySpan<float> errors = dy.Slice(first * shape.OutputSize, shape.OutputSize);
            if (count > 1)
            {
                var product = workspace.Products(shape.OutputChannels * width);
                ConvolutionChunk.Gather(shape, dy, first, count, product);
                errors = product;
            }
            var columns = workspace.Columns(shape.ColumnRows * width);
            Gemm.TN(kernel, errors, columns, shape.ColumnRows, width, shape.OutputChannels, accumulate: false, threads);
            for (int j = 0; j < count; j++)
            {
                var image = dx.Slice((first + j) * inSize, inSize);
                image.Clear();
                Col2Im.Accumulate(shape, columns[(j * pixels)..], image, width);
            }
        }
    }

    /// <summary>
    /// dK (+)= Σ_b dy[b] ⋆ x[b]: the adjoint of <see cref="Forward"/> in the kernel, summed over the batch.
    /// With <paramref name="accumulate"/> false dK is overwritten (and cleared when the batch is empty).
    /// </summary>
    public static void KernelGradient(in ConvolutionShape shape, int batch, ReadOnlySpan<float> dy, ReadOnlySpan<float> x,
        Span<float> dK, ConvolutionWorkspace workspace, bool accumulate = false, int threads = 1)
    {
        Check(shape, batch, x.Length, nameof(x), dy.Length, nameof(dy), dK.Length, nameof(dK));
        ArgumentNullException.ThrowIfNull(workspace);
        if (batch == 0 && !accumulate)
        {
            dK[..shape.KernelSize].Clear();
        }
        int chunk = ConvolutionChunk.Images(shape, batch), pixels = shape.OutputPixels;
        for (int first = 0; first < batch; first += chunk)
        {
            int count = Math.Min(chunk, batch - first), width = count * pixels;
            ReadOnlySpan<float> errors = dy.Slice(first * shape.OutputSize, shape.OutputSize);
            if (count > 1)
            {
                var product = workspace.Products(shape.OutputChannels * width);
                ConvolutionChunk.Gather(shape, dy, first, count, product);
                errors = product;
            }
            var columns = workspace.Columns(shape.ColumnRows * width);
            ConvolutionChunk.Unfold(shape, x, first, count, columns);
            Gemm.NT(errors, columns, dK, shape.OutputChannels, shape.ColumnRows, width, accumulate || first > 0, threads);
        }
    }

    private static void Check(in ConvolutionShape shape, int batch, int inputLength, string inputName,
        int outputLength, string outputName, int kernelLength, string kernelName)
    {
        if (shape.InputChannels == 0)
        {
            throw new ArgumentException("The convolution shape is uninitialised (default).", nameof(shape));
        }
        ConvolutionArguments.Batch(batch);
        ConvolutionArguments.Need(inputLength, (long)batch * shape.InputSize, inputName);
        ConvolutionArguments.Need(outputLength, (long)batch * shape.OutputSize, outputName);
        ConvolutionArguments.Need(kernelLength, shape.KernelSize, kernelName);
    }
}
