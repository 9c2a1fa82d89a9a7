using System.Globalization;

namespace Microcircuit.Layers;

/// <summary>
/// One layer of a network description: a dense layer of <see cref="Size"/> cells, a convolution with
/// <see cref="Size"/> feature maps and a <see cref="Kernel"/>×<see cref="Kernel"/> kernel, or an average pool over
/// <see cref="Kernel"/>×<see cref="Kernel"/> windows. Written in the lab's notation: <c>300</c>, <c>15C5</c>
/// (optionally <c>32C5p2</c> for padding 2, <c>64C3s2</c> for stride 2), <c>P2</c>.
/// </summary>
public readonly record struct LayerSpec(LayerKind Kind, int Size, int Kernel = 1, int Stride = 1, int Padding = 0)
{
    public static LayerSpec Dense(int cells) => new(LayerKind.Dense, cells);
    public static LayerSpec Convolution(int maps, int kernel, int stride = 1, int padding = 0) => new(LayerKind.Convolution, maps, kernel, stride, padding);
    public static LayerSpec Pooling(int window) => new(LayerKind.Pooling, 0, window, window);

    /// <summary>The shape of this layer's cells given the shape of its input.</summary>
    public ImageShape OutputShape(ImageShape input) => Kind switch
    {
        LayerKind.Dense => new ImageShape(Size, 1, 1),
        LayerKind.Convolution => new ImageShape(Size, Extent(input.Height), Extent(input.Width)),
        _ => new ImageShape(input.Channels, input.Height / Kernel, input.Width / Kernel),
    };

    /// <summary>Output positions along one axis: none when the padded input is narrower than the kernel (C#'s division rounds towards zero, which would give one).</summary>
    private int Extent(int input) => input + 2 * Padding < Kernel ? 0 : (input + 2 * Padding - Kernel) / Stride + 1;

    public override string ToString() => Kind switch
    {
        LayerKind.Dense => Size.ToString(CultureInfo.InvariantCulture),
        LayerKind.Convolution => string.Create(CultureInfo.InvariantCulture,
            $"{Size}C{Kernel}{(Padding > 0 ? $"p{Padding}" : "")}{(Stride > 1 ? $"s{Stride}" : "")}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"P{Kernel}"),
    };
}
