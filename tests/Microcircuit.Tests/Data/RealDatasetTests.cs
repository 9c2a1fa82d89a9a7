using System.Diagnostics;
using Microcircuit.Data;
using Xunit;

namespace Microcircuit.Tests.Data;

/// <summary>
/// Structural checks on the real datasets (MNIST and CIFAR-10 from shared/datasets, Fashion-MNIST from
/// Debian's package). Each test skips, naming where it looked, when its data is absent.
/// </summary>
public sealed class RealDatasetTests
{
    /// <summary>CIFAR-10 is read at most once for all tests here (about 180 MB decompressed).</summary>
    private static readonly Lazy<LabelledDataset> Cifar = new(LoadCifar);

    private static LabelledDataset LoadCifar()
    {
        SharedDatasets.Require("cifar10");
        var clock = Stopwatch.StartNew();
        LabelledDataset cifar = DatasetCatalogue.Load("cifar10", SharedDatasets.SearchPath, verify: true);
        TestContext.Current.TestOutputHelper?.WriteLine($"CIFAR-10 loaded and verified in {clock.ElapsedMilliseconds} ms");
        return cifar;
    }

    [Fact]
    public void MnistIsThePublishedData()
    {
        SharedDatasets.Require("mnist");
        var clock = Stopwatch.StartNew();
        LabelledDataset mnist = DatasetCatalogue.Load("mnist", SharedDatasets.SearchPath, verify: true);
        clock.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine($"MNIST loaded and verified in {clock.ElapsedMilliseconds} ms");

        Assert.Equal(60_000, mnist.Train.Count);
        Assert.Equal(10_000, mnist.Test.Count);
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], mnist.Train.CountPerClass(10));
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], mnist.Test.CountPerClass(10));
        Assert.Equal([5, 0, 4, 1, 9, 2, 1, 3, 1, 4], mnist.Train.Labels.Span[..10].ToArray());
        Assert.Equal([7, 2, 1, 0, 4, 1, 4, 9, 5, 9], mnist.Test.Labels.Span[..10].ToArray());
        Assert.Contains("matches the published data", mnist.Source);
        Assert.Null(mnist.Caveat);
        Assert.Equal("mnist", mnist.FigureName);
        // About four fifths of MNIST's pixels are zero: held zero-suppressed, the training images take a third of their raw bytes.
        Assert.True(mnist.Train.Images!.IsZeroSuppressed);
        Assert.InRange(mnist.Train.Images.StoredBytes, 0.25 * 60_000 * 784, 0.36 * 60_000 * 784);
    }

    [Fact]
    public void FashionMnistFromDebianIsThePublishedData()
    {
        SharedDatasets.Require("fashion-mnist");
        LabelledDataset fashion = DatasetCatalogue.Load("fashion-mnist", SharedDatasets.SearchPath, verify: true);

        Assert.Equal(60_000, fashion.Train.Count);
        Assert.Equal(10_000, fashion.Test.Count);
        Assert.All(fashion.Train.CountPerClass(10), c => Assert.Equal(6000, c));
        Assert.All(fashion.Test.CountPerClass(10), c => Assert.Equal(1000, c));
        Assert.Equal("Ankle boot", fashion.ClassNames[fashion.Train.Label(0)]);
        Assert.Contains("matches the published data", fashion.Source);
        // Half of Fashion-MNIST's pixels are zero: its images take the mask (98 bytes) and ~392 values of 784 bytes.
        Assert.True(fashion.Train.Images!.IsZeroSuppressed);
        Assert.InRange(fashion.Train.Images.StoredBytes, 0.6 * 60_000 * 784, 0.65 * 60_000 * 784);
    }

    [Fact]
    public void CifarIsRecognisedAsTheJpegVariant()
    {
        LabelledDataset cifar = Cifar.Value;

        Assert.Equal(50_000, cifar.Train.Count);
        Assert.Equal(10_000, cifar.Test.Count);
        Assert.Equal(3072, cifar.Train.Dimension);
        Assert.Equal([6, 9, 9, 4, 1, 1, 2, 7, 8, 3], cifar.Train.Labels.Span[..10].ToArray());
        Assert.Equal([3, 8, 8, 0, 6, 6, 1, 6, 3, 1], cifar.Test.Labels.Span[..10].ToArray());
        Assert.All(cifar.Train.CountPerClass(10), c => Assert.Equal(5000, c));
        Assert.Equal([1005, 974, 1032, 1016, 999, 937, 1030, 1001, 1025, 981], cifar.Train.Take(10_000).CountPerClass(10));
        Assert.Contains("JPEG-q75 reconstruction of CIFAR-10 — not the original pixels", cifar.Source);
        // Every figure drawn from this copy names it beside the dataset.
        Assert.Equal("cifar10 (JPEG-q75 reconstruction of CIFAR-10 — not the original pixels)", cifar.FigureName);
    }

    [Fact]
    public void CifarFirstImageHasTheExactPublishedPixels()
    {
        LabelledDataset cifar = Cifar.Value;
        ReadOnlySpan<byte> red = cifar.Train.Image(0);

        // Training images 0–3,999 are exact in the variant: R row 0 of data_batch_1[0] starts 59,43,50,68.
        Assert.Equal([59, 43, 50, 68], red[..4].ToArray());
        Assert.Equal([16, 0, 18], red[32..35].ToArray());
        Assert.Equal([140, 84, 72], red[^3..].ToArray());
    }
}
