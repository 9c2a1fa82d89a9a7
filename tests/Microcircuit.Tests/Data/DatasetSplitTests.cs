using Microcircuit.Data;
using Xunit;

namespace Microcircuit.Tests.Data;

public sealed class DatasetSplitTests
{
    [Fact]
    public void CopyNormalisedAppliesScaleMeanAndStdPerChannel()
    {
        // Two samples of 2 channels × 2 pixels.
        byte[] pixels = [0, 255, 10, 20, /* sample 1 */ 51, 102, 0, 200];
        var split = new DatasetSplit(pixels, new byte[] { 1, 0 }, 4);
        var norm = new Normalisation(255f, [0.5f, 0.25f], [0.5f, 2f]);
        var x = new float[4];

        split.CopyNormalised(1, x, norm);

        Assert.Equal((51 / 255f - 0.5f) / 0.5f, x[0], 5);
        Assert.Equal((102 / 255f - 0.5f) / 0.5f, x[1], 5);
        Assert.Equal((0 / 255f - 0.25f) / 2f, x[2], 5);
        Assert.Equal((200 / 255f - 0.25f) / 2f, x[3], 5);
    }

    [Fact]
    public void TakeKeepsTheFirstSamples()
    {
        byte[] pixels = [1, 2, 3, 4, 5, 6];
        var split = new DatasetSplit(pixels, new byte[] { 7, 8, 9 }, 2);

        DatasetSplit first = split.Take(2);

        Assert.Equal(2, first.Count);
        Assert.Equal([1, 2], first.Image(0));
        Assert.Equal([3, 4], first.Image(1));
        Assert.Equal([7, 8], first.Labels.ToArray());
        Assert.Same(split, split.Take(10));
        Assert.Equal(0, split.Take(0).Count);
    }

    [Fact]
    public void MisuseIsAnArgumentError()
    {
        var split = new DatasetSplit(new byte[4], new byte[2], 2);
        var norm = new Normalisation(1f, [0f], [1f]);

        Assert.Throws<ArgumentOutOfRangeException>(() => split.CopyNormalised(2, new float[2], norm));
        Assert.Throws<ArgumentException>(() => split.CopyNormalised(0, new float[1], norm));
        Assert.Throws<ArgumentOutOfRangeException>(() => split.Take(-1));
    }
}
