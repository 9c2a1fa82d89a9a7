using Microcircuit.Compute.Cpu;

namespace Microcircuit.Compute;

/// <summary>
/// Working memory one caller (a layer) owns for the kernels it calls, kept between calls so a step allocates nothing.
/// A back end keeps in it whatever its kernels need (the CPU back end: unfolded images and spike masks); callers only
/// create one and pass it. Not safe to share between callers running at once.
/// </summary>
public sealed class KernelScratch
{
    private ConvolutionWorkspace? _convolution;
    private SpikeConvolutionWorkspace? _spikes;

    internal ConvolutionWorkspace Convolution => _convolution ??= new ConvolutionWorkspace();

    internal SpikeConvolutionWorkspace Spikes => _spikes ??= new SpikeConvolutionWorkspace();

    /// <summary>A back end's own state for this caller (device buffers, say), created on first use.</summary>
    public object? Device { get; set; }
}
