using Microcircuit.Data;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Data;

public sealed class AugmentationTests
{
    [Fact]
    public void Shifts_stay_within_the_padding_fill_with_background_and_cover_every_offset()
    {
        const int h = 5, w = 4;
        var image = Enumerable.Range(1, h * w).Select(i => (float)i).ToArray();   // every value unique and non-zero
        var augmentation = new Augmentation(Padding: 1);
        var random = new SeededRandom(1);
        var offsets = new HashSet<(int, int)>();
        var output = new float[h * w];
        for (int trial = 0; trial < 200; trial++)
        {
            augmentation.Apply(image, output, 1, h, w, [-9f], random);
            // Find the shift from any kept pixel, then check every pixel against it.
            int k = Array.FindIndex(output, v => v != -9f);
            int source = (int)output[k] - 1;
            int dy = source / w - k / w, dx = source % w - k % w;
            Assert.InRange(dy, -1, 1);
            Assert.InRange(dx, -1, 1);
            offsets.Add((dy, dx));
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    int sy = y + dy, sx = x + dx;
                    float expected = sy is >= 0 and < h && sx is >= 0 and < w ? image[sy * w + sx] : -9f;
                    Assert.Equal(expected, output[y * w + x]);
                }
        }
        Assert.Equal(9, offsets.Count);
    }

    [Fact]
    public void Flip_mirrors_rows_about_half_the_time_and_none_changes_nothing()
    {
        float[] image = [1, 2, 3, 4, 5, 6];   // 2 rows of 3
        var output = new float[6];
        var random = new SeededRandom(2);
        int flips = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            new Augmentation(HorizontalFlip: true).Apply(image, output, 1, 2, 3, [0f], random);
            if (output.SequenceEqual([3f, 2, 1, 6, 5, 4])) flips++;
            else Assert.Equal(image, output);
        }
        Assert.InRange(flips, 150, 250);
        Augmentation.None.Apply(image, output, 1, 2, 3, [0f], random);
        Assert.Equal(image, output);
        Assert.False(Augmentation.None.IsActive);
    }
}
