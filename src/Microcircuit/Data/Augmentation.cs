using Microcircuit.Randomness;

namespace Microcircuit.Data;

/// <summary>
/// Training-time augmentation of images: a random crop of the image padded by <see cref="Padding"/> pixels on every
/// side (a random shift of up to that many pixels, the uncovered border filled with black), and an optional random
/// horizontal flip. Draws come from the seeded generator passed in.
/// </summary>
public sealed record Augmentation(int Padding = 0, bool HorizontalFlip = false)
{
    public static Augmentation None { get; } = new();

    public bool IsActive => Padding > 0 || HorizontalFlip;

    /// <summary>Writes an augmented copy of a normalised C×H×W image.</summary>
    /// <param name="background">The normalised value of a black pixel, per channel.</param>
    public void Apply(ReadOnlySpan<float> image, Span<float> destination, int channels, int height, int width,
        ReadOnlySpan<float> background, SeededRandom random)
    {
        int dy = Padding > 0 ? random.NextInt(2 * Padding + 1) - Padding : 0;
        int dx = Padding > 0 ? random.NextInt(2 * Padding + 1) - Padding : 0;
        bool flip = HorizontalFlip && random.NextInt(2) == 1;
        for (int c = 0; c < channels; c++)
        {
            var src = image.Slice(c * height * width, height * width);
            var dst = destination.Slice(c * height * width, height * width);
            for (int y = 0; y < height; y++)
            {
                int sy = y + dy;
                for (int x = 0; x < width; x++)
                {
                    int sx = (flip ? width - 1 - x : x) + dx;
                    dst[y * width + x] = sy >= 0 && sy < height && sx >= 0 && sx < width ? src[sy * width + sx] : background[c];
                }
            }
        }
    }
}
