using Microcircuit.Data;
using Xunit;

namespace Microcircuit.Tests.Data;

public sealed class DigitsTests
{
    [Fact]
    public void LoadsTheDocumentedSplit()
    {
        LabelledDataset digits = DatasetCatalogue.Load("digits");

        Assert.Equal("digits", digits.Name);
        Assert.Equal((1, 8, 8, 10), (digits.Channels, digits.Height, digits.Width, digits.Classes));
        Assert.Equal(1347, digits.Train.Count);
        Assert.Equal(450, digits.Test.Count);
        Assert.Equal(64, digits.Train.Dimension);
        Assert.Equal([135, 136, 134, 136, 133, 137, 134, 134, 133, 135], digits.Train.CountPerClass(10));
        Assert.Equal([43, 46, 43, 47, 48, 45, 47, 45, 41, 45], digits.Test.CountPerClass(10));
        Assert.Equal(1797, digits.Train.CountPerClass(10).Sum() + digits.Test.CountPerClass(10).Sum());
        Assert.All(digits.Train.Pixels.ToArray(), p => Assert.InRange(p, (byte)0, (byte)16));
        Assert.Contains("CC BY 4.0", digits.Source);
    }

    [Fact]
    public void FirstSampleIsTheFirstCsvRow()
    {
        LabelledDataset digits = DatasetCatalogue.Load("digits");

        Assert.Equal(0, digits.Train.Label(0));
        Assert.Equal([0, 0, 5, 13, 9, 1, 0, 0], digits.Train.Image(0)[..8].ToArray());
        Assert.Equal(8, digits.Test.Label(449));
    }

    [Fact]
    public void NormalisationCentresTheTrainingPixels()
    {
        LabelledDataset digits = DatasetCatalogue.Load("digits");
        Assert.Equal(16f, digits.Normalisation.Scale);

        double sum = 0, squares = 0;
        var x = new float[64];
        for (int i = 0; i < digits.Train.Count; i++)
        {
            digits.Train.CopyNormalised(i, x, digits.Normalisation);
            foreach (float v in x)
            {
                sum += v;
                squares += v * v;
            }
        }

        int n = digits.Train.Count * 64;
        Assert.Equal(0, sum / n, 3);
        Assert.Equal(1, Math.Sqrt(squares / n), 3);
    }
}
