namespace Microcircuit.Compute;

/// <summary>
/// Geometry of a 2-D convolution on channel-major images: input [InputChannels × Height × Width], kernel
/// [OutputChannels × InputChannels × KernelHeight × KernelWidth], output [OutputChannels × OutputHeight ×
/// OutputWidth], with the given stride and zero padding on every side.
/// </summary>
public readonly record struct ConvolutionShape
{
    public ConvolutionShape(int inputChannels, int height, int width, int outputChannels,
        int kernelHeight, int kernelWidth, int stride = 1, int padding = 0)
    {
        Positive(inputChannels, nameof(inputChannels));
        Positive(height, nameof(height));
        Positive(width, nameof(width));
        Positive(outputChannels, nameof(outputChannels));
        Positive(kernelHeight, nameof(kernelHeight));
        Positive(kernelWidth, nameof(kernelWidth));
        Positive(stride, nameof(stride));
        if (padding < 0)
        {
            throw new ArgumentException($"padding must be non-negative (got {padding}).", nameof(padding));
        }
        if (height + 2L * padding < kernelHeight || width + 2L * padding < kernelWidth)
        {
            throw new ArgumentException(
                $"A {kernelHeight}×{kernelWidth} kernel does not fit a {height}×{width} image padded by {padding}.");
        }
        long outputHeight = (height + 2L * padding - kernelHeight) / stride + 1;
        long outputWidth = (width + 2L * padding - kernelWidth) / stride + 1;
        long largest = Math.Max(
            Math.Max((long)inputChannels * height * width, (long)outputChannels * outputHeight * outputWidth),
            Math.Max((long)inputChannels * kernelHeight * kernelWidth * outputHeight * outputWidth,
                (long)outputChannels * inputChannels * kernelHeight * kernelWidth));
        if (largest > Array.MaxLength)
        {
            throw new ArgumentException($"Convolution buffers of {largest} floats exceed the largest array.");
        }

        InputChannels = inputChannels;
        Height = height;
        Width = width;
        OutputChannels = outputChannels;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        Stride = stride;
        Padding = padding;
        OutputHeight = (int)outputHeight;
        OutputWidth = (int)outputWidth;
    }

    public int InputChannels { get; }
    public int Height { get; }
    public int Width { get; }
    public int OutputChannels { get; }
    public int KernelHeight { get; }
    public int KernelWidth { get; }
    public int Stride { get; }
    public int Padding { get; }
    public int OutputHeight { get; }
    public int OutputWidth { get; }

    /// <summary>Floats in one input image, C_in·H·W.</summary>
    public int InputSize => InputChannels * Height * Width;

    /// <summary>Floats in one output image, C_out·H_out·W_out.</summary>
    public int OutputSize => OutputChannels * OutputPixels;

    /// <summary>Floats in the kernel, C_out·C_in·kh·kw.</summary>
    public int KernelSize => OutputChannels * ColumnRows;

    /// <summary>Output positions per channel, H_out·W_out: the columns of the unfolded image.</summary>
    public int OutputPixels => OutputHeight * OutputWidth;

    /// <summary>Rows of the unfolded image, C_in·kh·kw: one per kernel tap.</summary>
    public int ColumnRows => InputChannels * KernelHeight * KernelWidth;

    /// <summary>Floats in one unfolded image, C_in·kh·kw · H_out·W_out.</summary>
    public int ColumnSize => ColumnRows * OutputPixels;

    /// <summary>True when the unfolded image is the image itself (1×1 kernel, stride 1, no padding).</summary>
    public bool IsPointwise => KernelHeight == 1 && KernelWidth == 1 && Stride == 1 && Padding == 0;

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentException($"{name} must be at least 1 (got {value}).", name);
        }
    }
}
