using Microcircuit.Compute.Cpu;

namespace Microcircuit.Compute;

/// <summary>
/// Working memory one caller (a layer) owns for the kernels it calls, kept between calls so a step allocates nothing.
/// The CPU back end keeps its unfolded images and spike masks in it (the GPU back end needs none); callers only create
/// one and pass it. Not safe to share between callers running at once.
/// </summary>
public sealed class KernelScratch
{
    private ConvolutionWorkspace? _convolution;
    private SpikeConvolutionWorkspace? _spikes;

    internal ConvolutionWorkspace Convolution => _convolution ??= new ConvolutionWorkspace();

    internal SpikeConvolutionWorkspace Spikes => _spikes ??= new SpikeConvolutionWorkspace();
}
