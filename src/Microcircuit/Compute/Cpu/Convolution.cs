namespace Microcircuit.Compute.Cpu;

/// <summary>
/// Batched 2-D convolution (cross-correlation, as in every deep-learning library) on batch-major,
/// channel-major images, each product an im2col unfold followed by one <see cref="Gemm"/> call per image.
/// x is [batch × C_in × H × W], the kernel [C_out × C_in × kh × kw], y [batch × C_out × H_out × W_out].
/// Spans may be longer than the tensors they hold. With <c>threads</c> &gt; 1 the images (forward, input
/// gradient) or the output channels (kernel gradient) are shared out between threads; every element is
/// summed in the same order as on one thread, so results are bitwise identical for every thread count.
/// </summary>
public static unsafe class Convolution
{
    /// <summary>y[b, o] = Σ_c K[o, c] ⋆ x[b, c] for every image b (y is overwritten).</summary>
    public static void Forward(in ConvolutionShape shape, int batch, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel,
        Span<float> y, ConvolutionWorkspace workspace, int threads = 1)
    {
        Check(shape, batch, x.Length, nameof(x), y.Length, nameof(y), kernel.Length, nameof(kernel));
        OverImages(ForwardImages, shape, batch, x, kernel, y, workspace, threads);
    }

    /// <summary>
    /// dx = the transposed convolution of dy through the kernel: the adjoint of <see cref="Forward"/> in x, i.e.
    /// the error a convolutional layer sends back (pass a feedback kernel for non-symmetric feedback). dx is overwritten.
    /// </summary>
    public static void InputGradient(in ConvolutionShape shape, int batch, ReadOnlySpan<float> dy, ReadOnlySpan<float> kernel,
        Span<float> dx, ConvolutionWorkspace workspace, int threads = 1)
    {
        Check(shape, batch, dx.Length, nameof(dx), dy.Length, nameof(dy), kernel.Length, nameof(kernel));
        OverImages(InputGradientImages, shape, batch, dy, kernel, dx, workspace, threads);
    }

    /// <summary>
    /// One thread's share of a product: images start..end (forward, input gradient; batch and accumulate unused) or
    /// output channels start..end summed over the batch (kernel gradient). a and b are read, c written.
    /// </summary>
    private delegate void RangeProduct(in ConvolutionShape shape, int batch, int start, int end, ReadOnlySpan<float> a,
        ReadOnlySpan<float> b, Span<float> c, ConvolutionWorkspace workspace, bool accumulate, int threads);

    /// <summary>Runs <paramref name="product"/> over the whole batch, on one thread or shared out by images.</summary>
    private static void OverImages(RangeProduct product, in ConvolutionShape shape, int batch, ReadOnlySpan<float> input,
        ReadOnlySpan<float> kernel, Span<float> output, ConvolutionWorkspace workspace, int threads)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        int parts = ConvolutionSplit.ImageParts(shape, batch, threads);
        if (parts <= 1)
        {
            product(shape, batch, 0, batch, input, kernel, output, workspace, accumulate: false, threads);
            return;
        }
        Split(product, batch, shape, batch, input, kernel, output, workspace, accumulate: false, parts);
    }

    /// <summary>
    /// Shares 0..count out between <paramref name="parts"/> threads, each with its own workspace. Kept apart so the
    /// single-threaded paths allocate no closure.
    /// </summary>
    private static void Split(RangeProduct product, int count, ConvolutionShape s, int batch, ReadOnlySpan<float> a,
        ReadOnlySpan<float> b, Span<float> c, ConvolutionWorkspace workspace, bool accumulate, int parts)
    {
        workspace.Reserve(parts);
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            nint aa = (nint)pa, ab = (nint)pb, ac = (nint)pc;
            int aLength = a.Length, bLength = b.Length, cLength = c.Length;
            ConvolutionSplit.Run(parts, count, (part, start, end) => product(s, batch, start, end,
                new ReadOnlySpan<float>((float*)aa, aLength), new ReadOnlySpan<float>((float*)ab, bLength),
                new Span<float>((float*)ac, cLength), workspace.Part(part), accumulate, threads: 1));
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
        int parts = ConvolutionSplit.ChannelParts(shape, batch, threads);
        if (parts <= 1)
        {
            KernelGradientChannels(shape, batch, 0, shape.OutputChannels, dy, x, dK, workspace, accumulate, threads);
            return;
        }
        Split(KernelGradientChannels, shape.OutputChannels, shape, batch, dy, x, dK, workspace, accumulate, parts);
    }

    private static void ForwardImages(in ConvolutionShape shape, int batch, int b0, int b1, ReadOnlySpan<float> x,
        ReadOnlySpan<float> kernel, Span<float> y, ConvolutionWorkspace workspace, bool accumulate, int threads)
    {
        int inSize = shape.InputSize, outSize = shape.OutputSize;
        for (int b = b0; b < b1; b++)
        {
            var image = x.Slice(b * inSize, inSize);
            ReadOnlySpan<float> columns = shape.IsPointwise ? image : Unfolded(shape, image, workspace);
            Gemm.NN(kernel, columns, y.Slice(b * outSize, outSize),
                shape.OutputChannels, shape.OutputPixels, shape.ColumnRows, accumulate: false, threads);
        }
    }

    private static void InputGradientImages(in ConvolutionShape shape, int batch, int b0, int b1, ReadOnlySpan<float> dy,
        ReadOnlySpan<float> kernel, Span<float> dx, ConvolutionWorkspace workspace, bool accumulate, int threads)
    {
        int inSize = shape.InputSize, outSize = shape.OutputSize;
        for (int b = b0; b < b1; b++)
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

    /// <summary>Rows o0..o1 of dK (output channels), summed over every image in order.</summary>
    private static void KernelGradientChannels(in ConvolutionShape shape, int batch, int o0, int o1, ReadOnlySpan<float> dy,
        ReadOnlySpan<float> x, Span<float> dK, ConvolutionWorkspace workspace, bool accumulate, int threads)
    {
        int inSize = shape.InputSize, outSize = shape.OutputSize, pixels = shape.OutputPixels, rows = shape.ColumnRows;
        int channels = o1 - o0;
        var kernelRows = dK.Slice(o0 * rows, channels * rows);
        for (int b = 0; b < batch; b++)
        {
            var image = x.Slice(b * inSize, inSize);
            ReadOnlySpan<float> columns = shape.IsPointwise ? image : Unfolded(shape, image, workspace);
            Gemm.NT(dy.Slice(b * outSize + o0 * pixels, channels * pixels), columns, kernelRows,
                channels, rows, pixels, accumulate || b > 0, threads);
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
