using ILGPU;
using ILGPU.Runtime;
using Microcircuit.Compute;

namespace Microcircuit.Gpu;

public sealed partial class IlgpuBackend
{
    public void ConvolutionForward(in ConvolutionShape shape, int batch, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, Span<float> y, KernelScratch scratch) =>
        Convolve(new Geometry(shape), batch, x, kernel, y, recursive: false, 0f, 1f);

    public void ConvolutionInputGradient(in ConvolutionShape shape, int batch, ReadOnlySpan<float> dy, ReadOnlySpan<float> kernel, Span<float> dx, KernelScratch scratch)
    {
        var g = new Geometry(shape);
        int n = batch * g.InputSize;
        if (n == 0) return;
        _inputGradient(n, g, _staging.In(0, dy[..(batch * g.OutputSize)]), _staging.In(1, kernel[..g.KernelSize]), _staging.Out(2, dx[..n]));
        _staging.Back(2, dx[..n]);
    }

    public void ConvolutionKernelGradient(in ConvolutionShape shape, int batch, ReadOnlySpan<float> dy, ReadOnlySpan<float> x, Span<float> kernelGradient,
        KernelScratch scratch, bool accumulate)
    {
        var g = new Geometry(shape);
        int n = g.KernelSize;
        var dk = accumulate ? _staging.In(2, kernelGradient[..n]) : _staging.Out(2, kernelGradient[..n]);
        var dyView = _staging.In(0, dy[..(batch * g.OutputSize)]);
        var xView = _staging.In(1, x[..(batch * g.InputSize)]);
        if (_grouped) _kernelGradient(new KernelConfig(n, _gradientGroup), g, batch, dyView, xView, dk, accumulate ? 1 : 0);
        else _kernelGradientPerTap(n, g, batch, dyView, xView, dk, accumulate ? 1 : 0);
        _staging.Back(2, kernelGradient[..n]);
    }

    /// <summary>This back end reads the kernel as it is stored.</summary>
    public int SpikeKernelSize(in ConvolutionShape shape) => new Geometry(shape).KernelSize;

    public void SpikeKernelLayout(in ConvolutionShape shape, ReadOnlySpan<float> kernel, Span<float> laidOut) =>
        Copy(kernel[..SpikeKernelSize(shape)], laidOut);

    public void SpikeConvolutionForward(in ConvolutionShape shape, int batch, ReadOnlySpan<float> spikes, ReadOnlySpan<float> laidOutKernel, Span<float> current,
        float decay, float gain, KernelScratch scratch) =>
        Convolve(new Geometry(shape), batch, spikes, laidOutKernel, current, recursive: true, decay, gain);

    private void Convolve(Geometry g, int batch, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, Span<float> y, bool recursive, float decay, float gain)
    {
        int n = batch * g.OutputSize;
        if (n == 0) return;
        var yView = recursive ? _staging.In(2, y[..n]) : _staging.Out(2, y[..n]);
        _convolution(n, g, _staging.In(0, x[..(batch * g.InputSize)]), _staging.In(1, kernel[..g.KernelSize]), yView, recursive ? 1 : 0, decay, gain);
        _staging.Back(2, y[..n]);
    }

    public void PoolForward(int planes, int height, int width, int window, ReadOnlySpan<float> x, Span<float> y)
    {
        int n = planes * (height / window) * (width / window);
        if (n == 0) return;
        _poolForward(n, height, width, window, _staging.In(0, x[..(planes * height * width)]), _staging.Out(1, y[..n]));
        _staging.Back(1, y[..n]);
    }

    public void PoolBackward(int planes, int height, int width, int window, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int n = planes * height * width;
        if (n == 0) return;
        _poolBackward(n, height, width, window, _staging.In(0, dy[..(planes * (height / window) * (width / window))]), _staging.Out(1, dx[..n]));
        _staging.Back(1, dx[..n]);
    }
}
