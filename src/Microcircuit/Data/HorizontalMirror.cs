using Microcircuit.Layers;

namespace Microcircuit.Data;

/// <summary>Mirrors channel-major images left to right in place, row by row, for test-time flip averaging.</summary>
public static class HorizontalMirror
{
    /// <summary>Mirrors <paramref name="count"/> consecutive images of <paramref name="shape"/> held in <paramref name="images"/>.</summary>
    public static void Apply(Span<float> images, ImageShape shape, int count)
    {
        int size = shape.Size;
        if (images.Length < count * size)
        {
            throw new ArgumentException($"{images.Length} values hold fewer than {count} images of {shape}.", nameof(images));
        }

        int rows = count * shape.Channels * shape.Height;
        for (int r = 0; r < rows; r++) images.Slice(r * shape.Width, shape.Width).Reverse();
    }
}
