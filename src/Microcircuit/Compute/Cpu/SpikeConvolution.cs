using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microcircuit.Compute.Cpu;

/// <summary>
/// Event-driven convolution of binary spike images: each output position sums the kernel taps whose input spiked,
/// so the work scales with the spikes rather than with C_in·k·k. The kernel is read transposed, one row of
/// output channels per tap (<see cref="TransposeKernel"/>), and each position's sum is held in registers while
/// the spiking inputs under its window are visited in a fixed order (tap by tap, channels ascending). Any non-zero
/// input counts as a spike (weight 1). Spike and output images are batch-major and channel-major, as in
/// <see cref="Convolution"/>; results are the same bits for every thread count.
/// </summary>
public static unsafe class SpikeConvolution
{
    /// <summary>Output channels summed per pass over a position's spiking inputs: eight 256-bit accumulators.</summary>
    private const int ChannelBlock = 64;

    /// <summary>The row length of the transposed kernel: the output channels rounded up to a whole vector.</summary>
    public static int PaddedChannels(int outputChannels) => (outputChannels + 7) & ~7;

    /// <summary>Floats the transposed kernel of <paramref name="shape"/> takes.</summary>
    public static int TransposedKernelSize(in ConvolutionShape shape) => shape.ColumnRows * PaddedChannels(shape.OutputChannels);

    /// <summary>
    /// Kt[r, o] = K[o, r]: row r = (c·kh + ky)·kw + kx holds the tap's weight onto every output channel, padded with
    /// zeros to <see cref="PaddedChannels"/> columns.
    /// </summary>
    public static void TransposeKernel(in ConvolutionShape shape, ReadOnlySpan<float> kernel, Span<float> kernelT)
    {
        int rows = shape.ColumnRows, outputs = shape.OutputChannels, padded = PaddedChannels(outputs);
        ConvolutionArguments.Need(kernel.Length, shape.KernelSize, nameof(kernel));
        ConvolutionArguments.Need(kernelT.Length, (long)rows * padded, nameof(kernelT));
        for (int r = 0; r < rows; r++)
        {
            var row = kernelT.Slice(r * padded, padded);
            for (int o = 0; o < outputs; o++) row[o] = kernel[o * rows + r];
            row[outputs..].Clear();
        }
    }

    /// <summary>
    /// y[b, o, p] = decay·y[b, o, p] + gain·Σ K[o, c, ky, kx] over the inputs s[b, c, ·, ·] under p's window that
    /// spiked. With <paramref name="decay"/> 0 y is overwritten (its old contents are never read). The synaptic
    /// current of a layer whose input is a filtered spike train follows this recursion with decay 1 − 1/τs, gain 1/τs.
    /// </summary>
    public static void Forward(in ConvolutionShape shape, int batch, ReadOnlySpan<float> spikes, ReadOnlySpan<float> kernelT,
        Span<float> y, float decay, float gain, SpikeConvolutionWorkspace workspace, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (shape.InputChannels == 0) throw new ArgumentException("The convolution shape is uninitialised (default).", nameof(shape));
        ConvolutionArguments.Batch(batch);
        ConvolutionArguments.Need(spikes.Length, (long)batch * shape.InputSize, nameof(spikes));
        ConvolutionArguments.Need(y.Length, (long)batch * shape.OutputSize, nameof(y));
        ConvolutionArguments.Need(kernelT.Length, TransposedKernelSize(shape), nameof(kernelT));
        if (batch == 0) return;
        int parts = ConvolutionSplit.ImageParts(shape, batch, threads);
        fixed (float* ps = spikes)
        fixed (float* pk = kernelT)
        fixed (float* py = y)
        {
            if (parts <= 1)
            {
                Images(shape, 0, batch, ps, pk, py, decay, gain, workspace);
                return;
            }
            Split(shape, batch, ps, pk, py, decay, gain, workspace, parts);
        }
    }

    /// <summary>The images shared out by threads, each with its own scratch; kept apart so one thread allocates no closure.</summary>
    private static void Split(ConvolutionShape shape, int batch, float* spikes, float* kernelT, float* y, float decay, float gain,
        SpikeConvolutionWorkspace workspace, int parts)
    {
        workspace.Reserve(parts);
        nint s = (nint)spikes, k = (nint)kernelT, o = (nint)y;
        ConvolutionSplit.Run(parts, batch, (part, start, end) =>
            Images(shape, start, end, (float*)s, (float*)k, (float*)o, decay, gain, workspace.Part(part)));
    }

    private static void Images(in ConvolutionShape shape, int b0, int b1, float* spikes, float* kernelT, float* y,
        float decay, float gain, SpikeConvolutionWorkspace workspace)
    {
        int words = (shape.InputChannels + 63) >> 6;
        int padded = PaddedChannels(shape.OutputChannels);
        var masks = workspace.Masks(shape.Height * shape.Width * words);
        var sums = workspace.Sums(shape.OutputPixels * padded);
        fixed (ulong* pm = masks)
        fixed (float* pt = sums)
        {
            for (int b = b0; b < b1; b++)
            {
                SpikeMasks(shape, spikes + (long)b * shape.InputSize, pm, words);
                WindowSums(shape, pm, words, kernelT, padded, pt);
                Scatter(shape, pt, padded, y + (long)b * shape.OutputSize, decay, gain);
            }
        }
    }

    /// <summary>masks[p·words + c/64] bit c%64 is set when channel c spiked at input position p.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SpikeMasks(in ConvolutionShape shape, float* image, ulong* masks, int words)
    {
        int positions = shape.Height * shape.Width;
        new Span<ulong>(masks, positions * words).Clear();
        for (int c = 0; c < shape.InputChannels; c++)
        {
            float* plane = image + (long)c * positions;
            ulong* word = masks + (c >> 6);
            int shift = c & 63;
            int p = 0;
            if (words == 1 && Avx2.IsSupported)
            {
                // Four positions at a time: the comparison's all-ones lanes, widened to 64 bits, select the channel's bit.
                var bit = Vector256.Create(1UL << shift);
                for (; p + 4 <= positions; p += 4)
                {
                    var fired = Sse.CompareNotEqual(Sse.LoadVector128(plane + p), Vector128<float>.Zero).AsInt32();
                    var selected = Avx2.ConvertToVector256Int64(fired).AsUInt64() & bit;
                    (Vector256.Load(word + p) | selected).Store(word + p);
                }
            }
            for (; p < positions; p++)
                word[(long)p * words] |= (ulong)(plane[p] != 0f ? 1 : 0) << shift;
        }
    }

    /// <summary>sums[p, o] = Σ over the spiking inputs under output position p's window of Kt[tap row, o].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WindowSums(in ConvolutionShape shape, ulong* masks, int words, float* kernelT, int padded, float* sums)
    {
        int kh = shape.KernelHeight, kw = shape.KernelWidth, taps = kh * kw, width = shape.Width;
        for (int oy = 0; oy < shape.OutputHeight; oy++)
        {
            int y0 = oy * shape.Stride - shape.Padding;
            for (int ox = 0; ox < shape.OutputWidth; ox++)
            {
                int x0 = ox * shape.Stride - shape.Padding;
                float* sum = sums + (long)(oy * shape.OutputWidth + ox) * padded;
                for (int o0 = 0; o0 < padded; o0 += ChannelBlock)
                {
                    Block(masks, words, kernelT + o0, padded, Math.Min(ChannelBlock, padded - o0), sum + o0, y0, x0, kh, kw, taps, shape.Height, width);
                }
            }
        }
    }

    /// <summary>
    /// Up to sixty-four output channels of one position (<paramref name="count"/>, a multiple of eight), summed in as
    /// many vector registers as they need; the tests on the count are the same for every spike, so they predict well.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block(ulong* masks, int words, float* kernelT, int padded, int count, float* sum, int y0, int x0,
        int kh, int kw, int taps, int height, int width)
    {
        int vectors = count >> 3;
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (int ky = 0; ky < kh; ky++)
        {
            int iy = y0 + ky;
            if ((uint)iy >= (uint)height) continue;
            for (int kx = 0; kx < kw; kx++)
            {
                int ix = x0 + kx;
                if ((uint)ix >= (uint)width) continue;
                ulong* mask = masks + (long)(iy * width + ix) * words;
                float* tap = kernelT + (long)(ky * kw + kx) * padded;
                for (int w = 0; w < words; w++)
                {
                    ulong bits = mask[w];
                    while (bits != 0)
                    {
                        int c = (w << 6) + BitOperations.TrailingZeroCount(bits);
                        bits &= bits - 1;
                        float* row = tap + (long)c * taps * padded;
                        a0 += Vector256.Load(row);
                        if (vectors > 1) a1 += Vector256.Load(row + 8);
                        if (vectors > 2) a2 += Vector256.Load(row + 16);
                        if (vectors > 3) a3 += Vector256.Load(row + 24);
                        if (vectors > 4) a4 += Vector256.Load(row + 32);
                        if (vectors > 5) a5 += Vector256.Load(row + 40);
                        if (vectors > 6) a6 += Vector256.Load(row + 48);
                        if (vectors > 7) a7 += Vector256.Load(row + 56);
                    }
                }
            }
        }
        a0.Store(sum);
        if (vectors > 1) a1.Store(sum + 8);
        if (vectors > 2) a2.Store(sum + 16);
        if (vectors > 3) a3.Store(sum + 24);
        if (vectors > 4) a4.Store(sum + 32);
        if (vectors > 5) a5.Store(sum + 40);
        if (vectors > 6) a6.Store(sum + 48);
        if (vectors > 7) a7.Store(sum + 56);
    }

    /// <summary>
    /// Writes the position-major sums into the channel-major output, y = decay·y + gain·sums (or gain·sums when decay
    /// is 0), eight positions by eight channels at a time through an 8×8 transpose.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scatter(in ConvolutionShape shape, float* sums, int padded, float* y, float decay, float gain)
    {
        int pixels = shape.OutputPixels, outputs = shape.OutputChannels;
        bool keep = decay != 0f;
        var vDecay = Vector256.Create(decay);
        var vGain = Vector256.Create(gain);
        float* block = stackalloc float[64];
        int p0 = 0;
        for (; Avx.IsSupported && p0 + 8 <= pixels; p0 += 8)
        {
            int c0 = 0;
            for (; c0 + 8 <= outputs; c0 += 8)
            {
                Transpose8.Run(sums + (long)p0 * padded + c0, padded, 8, block, 8);
                for (int q = 0; q < 8; q++)
                {
                    float* target = y + (long)(c0 + q) * pixels + p0;
                    var value = vGain * Vector256.Load(block + q * 8);
                    if (keep) value += vDecay * Vector256.Load(target);
                    value.Store(target);
                }
            }
            for (; c0 < outputs; c0++)
                for (int p = p0; p < p0 + 8; p++) y[(long)c0 * pixels + p] = Combine(y[(long)c0 * pixels + p], sums[(long)p * padded + c0], keep, decay, gain);
        }
        for (; p0 < pixels; p0++)
            for (int c = 0; c < outputs; c++) y[(long)c * pixels + p0] = Combine(y[(long)c * pixels + p0], sums[(long)p0 * padded + c], keep, decay, gain);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Combine(float old, float sum, bool keep, float decay, float gain) =>
        keep ? gain * sum + decay * old : gain * sum;
}
