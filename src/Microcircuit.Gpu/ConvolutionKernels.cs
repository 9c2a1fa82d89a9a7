using ILGPU;

namespace Microcircuit.Gpu;

/// <summary>Direct convolutions and pooling on the device, one thread per element of what is written (a group per kernel tap for the kernel gradient).</summary>
internal static class ConvolutionKernels
{
    /// <summary>y[b, o, oy, ox] = Σ K[o, c, ky, kx]·x[b, c, oy·s + ky − p, ox·s + kx − p]; with spikes, y = decay·y + gain·that.</summary>
    public static void Forward(Index1D index, Geometry g, ArrayView<float> x, ArrayView<float> kernel, ArrayView<float> y, int recursive, float decay, float gain)
    {
        int plane = index / (g.OutputHeight * g.OutputWidth), at = index % (g.OutputHeight * g.OutputWidth);
        int b = plane / g.OutputChannels, o = plane % g.OutputChannels, oy = at / g.OutputWidth, ox = at % g.OutputWidth;
        float s = 0f;
        for (int c = 0; c < g.InputChannels; c++)
            for (int ky = 0; ky < g.KernelHeight; ky++)
            {
                int yy = Source(oy, ky, g.Stride, g.Padding, g.Height);
                if (yy < 0) continue;
                for (int kx = 0; kx < g.KernelWidth; kx++)
                {
                    int xx = Source(ox, kx, g.Stride, g.Padding, g.Width);
                    if (xx < 0) continue;
                    float v = x[((b * g.InputChannels + c) * g.Height + yy) * g.Width + xx];
                    if (recursive != 0 && v == 0f) continue;
                    s += kernel[((o * g.InputChannels + c) * g.KernelHeight + ky) * g.KernelWidth + kx] * v;
                }
            }
        y[index] = recursive != 0 ? decay * y[index] + gain * s : s;
    }

    /// <summary>dx[b, c, y, x] = Σ over the outputs whose window holds (y, x) of K[o, c, ky, kx]·dy[b, o, oy, ox].</summary>
    public static void InputGradient(Index1D index, Geometry g, ArrayView<float> dy, ArrayView<float> kernel, ArrayView<float> dx)
    {
        int xx = index % g.Width, rest = index / g.Width;
        int yy = rest % g.Height; rest /= g.Height;
        int c = rest % g.InputChannels, b = rest / g.InputChannels;
        float s = 0f;
        for (int o = 0; o < g.OutputChannels; o++)
            for (int ky = 0; ky < g.KernelHeight; ky++)
            {
                int ty = yy + g.Padding - ky;
                if (ty < 0 || ty % g.Stride != 0) continue;
                int oy = ty / g.Stride;
                if (oy >= g.OutputHeight) continue;
                for (int kx = 0; kx < g.KernelWidth; kx++)
                {
                    int tx = xx + g.Padding - kx;
                    if (tx < 0 || tx % g.Stride != 0) continue;
                    int ox = tx / g.Stride;
                    if (ox >= g.OutputWidth) continue;
                    s += kernel[((o * g.InputChannels + c) * g.KernelHeight + ky) * g.KernelWidth + kx]
                        * dy[((b * g.OutputChannels + o) * g.OutputHeight + oy) * g.OutputWidth + ox];
                }
            }
        dx[index] = s;
    }

    /// <summary>dK[o, c, ky, kx] (+)= Σ over the batch and output positions of dy[b, o, oy, ox]·x[b, c, oy·s + ky − p, ox·s + kx − p].</summary>
    /// <remarks>One thread per kernel tap: for a device whose groups are small (ILGPU's CPU accelerator).</remarks>
    public static void KernelGradient(Index1D index, Geometry g, int batch, ArrayView<float> dy, ArrayView<float> x, ArrayView<float> dk, int accumulate)
    {
        int kx = index % g.KernelWidth, rest = index / g.KernelWidth;
        int ky = rest % g.KernelHeight; rest /= g.KernelHeight;
        int c = rest % g.InputChannels, o = rest / g.InputChannels;
        int positions = g.OutputHeight * g.OutputWidth;
        float s = 0f;
        for (int q = 0; q < batch * positions; q++)
        {
            int b = q / positions, oy = q % positions / g.OutputWidth, ox = q % g.OutputWidth;
            int yy = Source(oy, ky, g.Stride, g.Padding, g.Height), xx = Source(ox, kx, g.Stride, g.Padding, g.Width);
            if (yy < 0 || xx < 0) continue;
            s += dy[(b * g.OutputChannels + o) * positions + oy * g.OutputWidth + ox] * x[((b * g.InputChannels + c) * g.Height + yy) * g.Width + xx];
        }
        dk[index] = accumulate != 0 ? dk[index] + s : s;
    }

    /// <summary>The most threads of one group of <see cref="KernelGradientGrouped"/> (a power of two).</summary>
    public const int GradientGroup = 256;

    /// <summary>
    /// dK[o, c, ky, kx] (+)= Σ over the batch and output positions of dy[b, o, oy, ox]·x[b, c, oy·s + ky − p, ox·s + kx − p],
    /// with one group of G threads per kernel tap (the grid's X; G a power of two, <see cref="GradientGroup"/> on a GPU):
    /// thread t sums the batch's output positions t, t + G, t + 2G, …, and the group adds the partial sums in a fixed
    /// tree, so the result does not depend on scheduling. A convolution has few taps (36 for 4 kernels of 3 × 3) and many positions, so one
    /// thread per tap would leave a GPU idle.
    /// </summary>
    [GroupedKernel]
    public static void KernelGradientGrouped(Geometry g, int batch, ArrayView<float> dy, ArrayView<float> x, ArrayView<float> dk, int accumulate)
    {
        var partial = SharedMemory.Allocate<float>(GradientGroup);
        int index = Grid.IdxX, t = Group.IdxX, size = Group.DimX;
        int kx = index % g.KernelWidth, rest = index / g.KernelWidth;
        int ky = rest % g.KernelHeight; rest /= g.KernelHeight;
        int c = rest % g.InputChannels, o = rest / g.InputChannels;
        int positions = g.OutputHeight * g.OutputWidth;
        float s = 0f;
        for (int q = t; q < batch * positions; q += size)
        {
            int b = q / positions, oy = q % positions / g.OutputWidth, ox = q % g.OutputWidth;
            int yy = Source(oy, ky, g.Stride, g.Padding, g.Height), xx = Source(ox, kx, g.Stride, g.Padding, g.Width);
            if (yy < 0 || xx < 0) continue;
            s += dy[(b * g.OutputChannels + o) * positions + oy * g.OutputWidth + ox] * x[((b * g.InputChannels + c) * g.Height + yy) * g.Width + xx];
        }
        partial[t] = s;
        Group.Barrier();
        for (int half = size / 2; half > 0; half /= 2)
        {
            if (t < half) partial[t] += partial[t + half];
            Group.Barrier();
        }
        if (t == 0) dk[index] = accumulate != 0 ? dk[index] + partial[0] : partial[0];
    }

    /// <summary>The input row (or column) that tap <paramref name="k"/> of output position <paramref name="o"/> reads; −1 in the padding.</summary>
    private static int Source(int o, int k, int stride, int padding, int size)
    {
        int v = o * stride + k - padding;
        return v >= 0 && v < size ? v : -1;
    }

    /// <summary>y = the mean of each window × window block of a plane.</summary>
    public static void PoolForward(Index1D index, int height, int width, int window, ArrayView<float> x, ArrayView<float> y)
    {
        int ow = width / window, oh = height / window;
        int ox = index % ow, rest = index / ow;
        int oy = rest % oh, plane = rest / oh;
        float s = 0f;
        for (int dy = 0; dy < window; dy++)
            for (int dx = 0; dx < window; dx++) s += x[(plane * height + oy * window + dy) * width + ox * window + dx];
        y[index] = s * (1f / (window * window));
    }

    /// <summary>dx = each output's value spread evenly over its window (0 outside every window).</summary>
    public static void PoolBackward(Index1D index, int height, int width, int window, ArrayView<float> dy, ArrayView<float> dx)
    {
        int ow = width / window, oh = height / window;
        int xx = index % width, rest = index / width;
        int yy = rest % height, plane = rest / height;
        int ox = xx / window, oy = yy / window;
        dx[index] = ox < ow && oy < oh ? dy[(plane * oh + oy) * ow + ox] * (1f / (window * window)) : 0f;
    }
}
