using Microcircuit.Data;
using Microcircuit.Errors;
using Xunit;

namespace Microcircuit.Tests.Data;

public sealed class DatasetSearchPathTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void DataDirComesBeforeEnvironmentFoldersThenSystemFolders()
    {
        string dataDir = _scratch["given"];
        string first = _scratch["env1"];
        string second = _scratch["env2"];
        var search = new DatasetSearchPath(dataDir, [first, second]);

        IReadOnlyList<string> folders = search.FoldersFor(DatasetDefinition.FashionMnist);

        Assert.Equal(
            [
                Path.Combine(dataDir, "fashion-mnist"), dataDir,
                Path.Combine(first, "fashion-mnist"), first,
                Path.Combine(second, "fashion-mnist"), second,
                "/usr/share/datasets/fashion-mnist",
            ],
            folders);
    }

    [Fact]
    public void SystemFoldersOnlyForTheDatasetTheyHold()
    {
        var search = new DatasetSearchPath(null, []);

        Assert.Empty(search.FoldersFor(DatasetDefinition.Mnist));
        Assert.Equal(["/usr/share/datasets/fashion-mnist"], search.FoldersFor(DatasetDefinition.FashionMnist));
    }

    [Fact]
    public void EnvironmentValueSplitsOnThePathSeparator()
    {
        char s = Path.PathSeparator;
        Assert.Equal(["/a", "/b c", "/d"], DatasetSearchPath.SplitFolderList($"/a{s}{s}/b c{s} /d "));
        Assert.Empty(DatasetSearchPath.SplitFolderList(null));
        Assert.Empty(DatasetSearchPath.SplitFolderList(""));
    }

    [Fact]
    public void LoadPrefersDataDirOverEnvironment()
    {
        SyntheticFiles.WriteIdxDataset(_scratch.Folder("given/mnist"), train: 3, test: 2, gzip: true);
        SyntheticFiles.WriteIdxDataset(_scratch.Folder("env"), train: 5, test: 2, gzip: false);

        var both = new DatasetSearchPath(_scratch["given"], [_scratch["env"]], useSystemFolders: false);
        LabelledDataset fromDataDir = DatasetCatalogue.Load("mnist", both, verify: false);
        Assert.Equal(3, fromDataDir.Train.Count);
        Assert.StartsWith(Path.Combine(_scratch["given"], "mnist"), fromDataDir.Source);
        // Synthetic files match no known checksum: figures of them say the data is unverified.
        Assert.Equal("mnist (unverified files: checksums match no known content)", fromDataDir.FigureName);

        var envOnly = new DatasetSearchPath(_scratch["nowhere"], [_scratch["env"]], useSystemFolders: false);
        LabelledDataset fromEnvironment = DatasetCatalogue.Load("mnist", envOnly, verify: false);
        Assert.Equal(5, fromEnvironment.Train.Count);
        Assert.Equal(_scratch["env"], DatasetCatalogue.Locate("mnist", envOnly).DataDir);
    }

    [Fact]
    public void PlainAndGzipNamesAreBothAccepted()
    {
        string folder = _scratch.Folder("mixed");
        SyntheticFiles.WriteIdxDataset(folder, train: 2, test: 1, gzip: false);
        string plain = Path.Combine(folder, "t10k-labels-idx1-ubyte");
        File.WriteAllBytes(plain + ".gz", SyntheticFiles.Gzip(File.ReadAllBytes(plain)));
        File.Delete(plain);

        DatasetLookup lookup = new DatasetSearchPath(folder, [], useSystemFolders: false).Locate(DatasetDefinition.Mnist);

        Assert.True(lookup.Found);
        Assert.Equal(plain + ".gz", lookup["t10k-labels-idx1-ubyte"]);
        Assert.Equal(Path.Combine(folder, "train-images-idx3-ubyte"), lookup["train-images-idx3-ubyte"]);
    }

    [Fact]
    public void PartialFolderIsNamedInTheMissingError()
    {
        string folder = _scratch.Folder("partial/mnist");
        SyntheticFiles.WriteIdxDataset(folder, train: 2, test: 1, gzip: true);
        File.Delete(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"));
        var search = new DatasetSearchPath(_scratch["partial"], [], useSystemFolders: false);

        FaultAssert.Throws(ErrorKind.DatasetMissing,
            () => DatasetCatalogue.Load("mnist", search, verify: false),
            folder, "lacks t10k-images-idx3-ubyte");
    }
}
