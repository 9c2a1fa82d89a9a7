using Microcircuit.Data;
using Microcircuit.Errors;
using Xunit;

namespace Microcircuit.Tests.Data;

public sealed class DatasetCatalogueTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private DatasetSearchPath Isolated(string? dataDir = null) =>
        new(dataDir ?? _scratch.Path, [], useSystemFolders: false);

    [Fact]
    public void NamesAreTheImageAndEventDatasets()
    {
        Assert.Equal(["digits", "mnist", "fashion-mnist", "cifar10", "nmnist", "shd", "dvs-gesture"], DatasetCatalogue.Names);
    }

    [Fact]
    public void UnknownNameIsAnInvalidOption()
    {
        FaultAssert.Throws(ErrorKind.InvalidOption, () => DatasetCatalogue.Load("imagenet"), "imagenet", "mnist");
    }

    [Theory]
    [InlineData("mnist", "MICROCIRCUIT_DATA")]
    [InlineData("mnist", "data_dir DIR")]   // the library names options by key; the tool writes --data-dir (DatasetFileCommandTests)
    [InlineData("fashion-mnist", "sudo apt-get install dataset-fashion-mnist")]
    [InlineData("cifar10", "cifar-10-batches-bin/")]
    public void MissingDatasetSaysWhereItLookedAndTheFix(string name, string fix)
    {
        string file = name == "cifar10" ? "data_batch_1.bin" : "train-images-idx3-ubyte";

        FaultAssert.Throws(ErrorKind.DatasetMissing,
            () => DatasetCatalogue.Load(name, Isolated(), verify: true),
            fix, file, _scratch.Path);
    }

    [Fact]
    public void SyntheticIdxDatasetLoadsWithVerificationOff()
    {
        SyntheticFiles.WriteIdxDataset(_scratch.Folder("mnist"), train: 12, test: 4, gzip: true);

        LabelledDataset mnist = DatasetCatalogue.Load("mnist", Isolated(), verify: false);

        Assert.Equal("mnist", mnist.Name);
        Assert.Equal((1, 28, 28, 10), (mnist.Channels, mnist.Height, mnist.Width, mnist.Classes));
        Assert.Equal(12, mnist.Train.Count);
        Assert.Equal(4, mnist.Test.Count);
        Assert.Equal(784, mnist.Train.Dimension);
        Assert.Equal(7, mnist.Train.Label(7));
        Assert.Equal(SyntheticFiles.Pixel(3, 100), mnist.Test.Image(3)[100]);
        Assert.Contains("not verified", mnist.Source);
    }

    [Fact]
    public void PublicLoadUsesTheDataDirArgument()
    {
        SyntheticFiles.WriteIdxDataset(_scratch.Folder("mnist"), train: 3, test: 2, gzip: false);

        LabelledDataset mnist = DatasetCatalogue.Load("mnist", _scratch.Path, verify: false);

        Assert.Equal(3, mnist.Train.Count);
        Assert.Equal(Path.Combine(_scratch.Path, "mnist"), DatasetCatalogue.Locate("mnist", _scratch.Path).DataDir);
        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetCatalogue.Load("mnist", _scratch.Path), "checksum");
    }

    [Fact]
    public void ChecksumMismatchIsCorruptWhenVerifying()
    {
        string folder = _scratch.Folder("fashion-mnist");
        SyntheticFiles.WriteIdxDataset(folder, train: 6, test: 3, gzip: false);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt,
            () => DatasetCatalogue.Load("fashion-mnist", Isolated(), verify: true),
            Path.Combine(folder, "train-images-idx3-ubyte"), "checksum", "no_verify", "--reinstall dataset-fashion-mnist");
    }

    [Fact]
    public void ImageAndLabelCountsMustAgree()
    {
        string folder = _scratch.Folder("mnist");
        SyntheticFiles.WriteIdxDataset(folder, train: 6, test: 3, gzip: true);
        string labels = Path.Combine(folder, "train-labels-idx1-ubyte.gz");
        SyntheticFiles.Write(labels, SyntheticFiles.IdxLabels([1, 2, 3, 4, 5]), gzip: true);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt,
            () => DatasetCatalogue.Load("mnist", Isolated(), verify: false),
            "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "6 images", "5 labels");
    }

    [Fact]
    public void StructuralChecksApplyEvenWithoutVerification()
    {
        string folder = _scratch.Folder("mnist");
        SyntheticFiles.WriteIdxDataset(folder, train: 6, test: 3, gzip: true);
        string path = Path.Combine(folder, "t10k-labels-idx1-ubyte.gz");
        SyntheticFiles.Write(path, SyntheticFiles.IdxLabels([1, 2, 12]), gzip: true);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt,
            () => DatasetCatalogue.Load("mnist", Isolated(), verify: false), path, "label 12");
    }

    [Fact]
    public void SyntheticCifarBatchesLoadThroughTheCatalogueLayout()
    {
        string folder = _scratch.Folder("cifar-10-batches-bin");
        string[] files = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"];
        for (int b = 0; b < files.Length; b++)
        {
            int batch = b;
            SyntheticFiles.Write(Path.Combine(folder, files[b] + (b % 2 == 0 ? ".gz" : "")),
                SyntheticFiles.CifarBatch(4, i => (byte)((batch + i) % 10)), gzip: b % 2 == 0);
        }

        DatasetLookup lookup = Isolated().Locate(DatasetDefinition.Cifar10);
        LabelledDataset cifar = CifarDatasetLoader.Load(lookup, verify: false, recordsPerBatch: 4);

        Assert.Equal((3, 32, 32, 10), (cifar.Channels, cifar.Height, cifar.Width, cifar.Classes));
        Assert.Equal(20, cifar.Train.Count);
        Assert.Equal(4, cifar.Test.Count);
        Assert.Equal([0, 1, 2, 3, 1, 2, 3, 4], cifar.Train.Labels.Span[..8].ToArray());
        Assert.Equal(SyntheticFiles.Pixel(1, 2000), cifar.Train.Image(5)[2000]);
        FaultAssert.Throws(ErrorKind.DatasetCorrupt,
            () => CifarDatasetLoader.Load(lookup, verify: true, recordsPerBatch: 4), "data_batch_1.bin", "checksum");
    }

    [Fact]
    public void DescribeReportsEachDataset()
    {
        SyntheticFiles.WriteIdxDataset(_scratch.Folder("mnist"), train: 2, test: 1, gzip: true);

        IReadOnlyList<DatasetStatus> statuses = DatasetCatalogue.Describe(Isolated(), verify: true);

        Assert.Equal(DatasetCatalogue.Names, statuses.Select(s => s.Name));
        DatasetStatus digits = statuses[0];
        Assert.Equal((DatasetCatalogue.Embedded, DatasetVerification.Official), (digits.FoundIn, digits.Verification));
        DatasetStatus mnist = statuses[1];
        Assert.Equal(Path.Combine(_scratch.Path, "mnist"), mnist.FoundIn);
        Assert.Equal(DatasetVerification.Mismatch, mnist.Verification);
        Assert.False(mnist.Verified);
        DatasetStatus cifar = statuses[3];
        Assert.Null(cifar.FoundIn);
        Assert.Equal(DatasetVerification.NotChecked, cifar.Verification);
        Assert.Contains("cifar-10-batches-bin/", cifar.HowToGet);
        Assert.All(statuses, s => Assert.DoesNotContain('\n', s.Detail));
    }
}
