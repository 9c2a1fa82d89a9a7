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
        Assert.Equal(1352, digits.Train.Count);
        Assert.Equal(445, digits.Test.Count);
        Assert.Equal(64, digits.Train.Dimension);
        Assert.Equal([134, 137, 133, 138, 136, 137, 136, 135, 131, 135], digits.Train.CountPerClass(10));
        Assert.Equal([44, 45, 44, 45, 45, 45, 45, 44, 43, 45], digits.Test.CountPerClass(10));
        Assert.Equal(1797, digits.Train.CountPerClass(10).Sum() + digits.Test.CountPerClass(10).Sum());
        Assert.All(Enumerable.Range(0, digits.Train.Count).SelectMany(digits.Train.Image), p => Assert.InRange(p, (byte)0, (byte)16));
        Assert.Contains("CC BY 4.0", digits.Source);
    }

    [Fact]
    public void FirstSampleIsTheFirstCsvRow()
    {
        LabelledDataset digits = DatasetCatalogue.Load("digits");

        Assert.Equal(0, digits.Train.Label(0));
        Assert.Equal([0, 0, 5, 13, 9, 1, 0, 0], digits.Train.Image(0)[..8].ToArray());
        // The first test sample is the fourth 0 of the file (row 30); the last is row 1795, a 9.
        Assert.Equal(0, digits.Test.Label(0));
        Assert.Equal([0, 0, 10, 14, 11, 3, 0, 0], digits.Test.Image(0)[..8].ToArray());
        Assert.Equal(9, digits.Test.Label(444));
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
