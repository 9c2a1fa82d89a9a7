namespace Microcircuit.Compute;

/// <summary>2-D convolutions of channel-major image batches (<see cref="ConvolutionShape"/>) and average pooling.</summary>
public interface IConvolutionKernels
{
    /// <summary>y = K ∗ x for the batch.</summary>
    void ConvolutionForward(in ConvolutionShape shape, int batch, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, Span<float> y, KernelScratch scratch);

    /// <summary>dx = Kᵀ ⋆ dy, the transposed convolution (overwrites dx).</summary>
    void ConvolutionInputGradient(in ConvolutionShape shape, int batch, ReadOnlySpan<float> dy, ReadOnlySpan<float> kernel, Span<float> dx, KernelScratch scratch);

    /// <summary>dK (+)= Σ over the batch and positions of dy ⊗ the patch of x under each tap.</summary>
    void ConvolutionKernelGradient(in ConvolutionShape shape, int batch, ReadOnlySpan<float> dy, ReadOnlySpan<float> x, Span<float> kernelGradient,
        KernelScratch scratch, bool accumulate);

    /// <summary>Floats of the kernel in the layout <see cref="SpikeConvolutionForward"/> reads.</summary>
    int SpikeKernelSize(in ConvolutionShape shape);

    /// <summary>Writes the kernel in the layout <see cref="SpikeConvolutionForward"/> reads (once per batch: the weights change between batches).</summary>
    void SpikeKernelLayout(in ConvolutionShape shape, ReadOnlySpan<float> kernel, Span<float> laidOut);

    /// <summary>J ← decay·J + gain·(K ∗ s) for 0/1 spikes s: the synaptic current advanced event-driven.</summary>
    void SpikeConvolutionForward(in ConvolutionShape shape, int batch, ReadOnlySpan<float> spikes, ReadOnlySpan<float> laidOutKernel, Span<float> current,
        float decay, float gain, KernelScratch scratch);

    /// <summary>The mean of each window × window block of each plane ([planes × height × width] → [planes × height/window × width/window]).</summary>
    void PoolForward(int planes, int height, int width, int window, ReadOnlySpan<float> x, Span<float> y);

    /// <summary>The adjoint of <see cref="PoolForward"/>: each output's value spread evenly over its window (overwrites dx).</summary>
    void PoolBackward(int planes, int height, int width, int window, ReadOnlySpan<float> dy, Span<float> dx);
}
