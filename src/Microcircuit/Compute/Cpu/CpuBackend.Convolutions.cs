namespace Microcircuit.Compute.Cpu;

public sealed partial class CpuBackend
{
    public void ConvolutionForward(in ConvolutionShape shape, int batch, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, Span<float> y, KernelScratch scratch) =>
        Convolution.Forward(shape, batch, x, kernel, y, scratch.Convolution, Threads);

    public void ConvolutionInputGradient(in ConvolutionShape shape, int batch, ReadOnlySpan<float> dy, ReadOnlySpan<float> kernel, Span<float> dx, KernelScratch scratch) =>
        Convolution.InputGradient(shape, batch, dy, kernel, dx, scratch.Convolution, Threads);

    public void ConvolutionKernelGradient(in ConvolutionShape shape, int batch, ReadOnlySpan<float> dy, ReadOnlySpan<float> x, Span<float> kernelGradient,
        KernelScratch scratch, bool accumulate) =>
        Convolution.KernelGradient(shape, batch, dy, x, kernelGradient, scratch.Convolution, accumulate, Threads);

    public int SpikeKernelSize(in ConvolutionShape shape) => SpikeConvolution.TransposedKernelSize(shape);

    public void SpikeKernelLayout(in ConvolutionShape shape, ReadOnlySpan<float> kernel, Span<float> laidOut) =>
        SpikeConvolution.TransposeKernel(shape, kernel, laidOut);

    public void SpikeConvolutionForward(in ConvolutionShape shape, int batch, ReadOnlySpan<float> spikes, ReadOnlySpan<float> laidOutKernel, Span<float> current,
        float decay, float gain, KernelScratch scratch) =>
        SpikeConvolution.Forward(shape, batch, spikes, laidOutKernel, current, decay, gain, scratch.Spikes, Threads);

    public void PoolForward(int planes, int height, int width, int window, ReadOnlySpan<float> x, Span<float> y) =>
        AveragePooling.Forward(planes, height, width, window, x, y, Threads);

    public void PoolBackward(int planes, int height, int width, int window, ReadOnlySpan<float> dy, Span<float> dx) =>
        AveragePooling.Backward(planes, height, width, window, dy, dx, Threads);
}
