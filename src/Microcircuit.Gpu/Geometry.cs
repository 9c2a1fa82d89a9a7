using Microcircuit.Compute;

namespace Microcircuit.Gpu;

/// <summary>A convolution's shape as plain integers, for kernel parameters (<see cref="ConvolutionShape"/> in device form).</summary>
internal readonly struct Geometry(in ConvolutionShape shape)
{
    public readonly int InputChannels = shape.InputChannels, Height = shape.Height, Width = shape.Width;
    public readonly int OutputChannels = shape.OutputChannels, KernelHeight = shape.KernelHeight, KernelWidth = shape.KernelWidth;
    public readonly int Stride = shape.Stride, Padding = shape.Padding, OutputHeight = shape.OutputHeight, OutputWidth = shape.OutputWidth;

    public int InputSize => InputChannels * Height * Width;
    public int OutputSize => OutputChannels * OutputHeight * OutputWidth;
    public int KernelSize => OutputChannels * InputChannels * KernelHeight * KernelWidth;
}
