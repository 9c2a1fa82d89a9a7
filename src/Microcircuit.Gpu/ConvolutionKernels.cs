using ILGPU;

namespace Microcircuit.Gpu;

/// <summary>Direct convolutions and pooling on the device, one thread per element of what is written.</summary>
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
