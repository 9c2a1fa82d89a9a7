namespace Microcircuit.Tensors;

/// <summary>
/// Batched 2-D convolution (cross-correlation, as in every deep-learning library) on batch-major,
/// channel-major images, each product an im2col unfold followed by one <see cref="Gemm"/> call per image.
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
        int inSize = shape.InputSize, outSize = shape.OutputSize;
        for (int b = 0; b < batch; b++)
        {
            var image = x.Slice(b * inSize, inSize);
            ReadOnlySpan<float> columns = shape.IsPointwise ? image : Unfolded(shape, image, workspace);
            Gemm.NN(kernel, columns, y.Slice(b * outSize, outSize),
                shape.OutputChannels, shape.OutputPixels, shape.ColumnRows, accumulate: false, threads);
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
        int inSize = shape.InputSize, outSize = shape.OutputSize;
        for (int b = 0; b < batch; b++)
        {
            var error = dy.Slice(b * outSize, outSize);
            var image = dx.Slice(b * inSize, inSize);
            if (shape.IsPointwise)
            {
                Gemm.TN(kernel, error, image, shape.ColumnRows, shape.OutputPixels, shape.OutputChannels, accumulate: false, threads);
                continue;
            }
            var columns = workspace.Columns(shape.ColumnSize);
            Gemm.TN(kernel, error, columns, shape.ColumnRows, shape.OutputPixels, shape.OutputChannels, accumulate: false, threads);
            image.Clear();
            Col2Im.Accumulate(shape, columns, image);
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
        int inSize = shape.InputSize, outSize = shape.OutputSize;
        for (int b = 0; b < batch; b++)
        {
            var image = x.Slice(b * inSize, inSize);
            ReadOnlySpan<float> columns = shape.IsPointwise ? image : Unfolded(shape, image, workspace);
            Gemm.NT(dy.Slice(b * outSize, outSize), columns, dK,
                shape.OutputChannels, shape.ColumnRows, shape.OutputPixels, accumulate || b > 0, threads);
        }
    }

    private static Span<float> Unfolded(in ConvolutionShape shape, ReadOnlySpan<float> image, ConvolutionWorkspace workspace)
    {
        var columns = workspace.Columns(shape.ColumnSize);
        Im2Col.Unfold(shape, image, columns);
        return columns;
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
