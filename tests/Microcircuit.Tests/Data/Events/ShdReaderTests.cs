using System.Diagnostics;
using Microcircuit.Data;
using Microcircuit.Errors;
using Xunit;

namespace Microcircuit.Tests.Data.Events;

public sealed class ShdReaderTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private string Folder => _scratch.Folder("shd");

    /// <summary>A test split of two recordings, gzip as published: one spike at 0.125 s on unit 3, one at 1.5 s on unit 0.</summary>
    private void WriteTest() =>
        ShdFiles.Write(Path.Combine(Folder, "shd_test.h5.gz"),
            new Half[][] { [(Half)0.125f], [(Half)1.5f] }, new ushort[][] { [3], [0] }, new ushort[] { 12, 9 }, gzip: true);

    public static TheoryData<string> TimeTypes => ["float16", "float32", "float64"];

    private static Array Times(string type, double[][] seconds) => type switch
    {
        "float16" => seconds.Select(r => r.Select(s => (Half)s).ToArray()).ToArray(),
        "float32" => seconds.Select(r => r.Select(s => (float)s).ToArray()).ToArray(),
        _ => seconds,
    };

    [Theory]
    [MemberData(nameof(TimeTypes))]
    public void ReadsSpikesOfAnyFloatWidthIntoFramesOf700Units(string timeType)
    {
        // Times 0, 0.25, 0.5 and 0.75 s (exact in every width) make a window of 750 001 µs: in 4 frames, one spike each.
        double[][] seconds = [[0.0, 0.25, 0.5], [], [0.75]];
        ShdFiles.Write(Path.Combine(Folder, "shd_train.h5"), Times(timeType, seconds),
            new ushort[][] { [1, 2, 699], [], [7] }, new ushort[] { 0, 19, 10 });
        WriteTest();

        LabelledDataset shd = DatasetCatalogue.Load("shd", _scratch.Path);

        Assert.Equal("shd", shd.Name);
        Assert.Equal((1, 1, 700, 20), (shd.Channels, shd.Height, shd.Width, shd.Classes));
        Assert.Equal(["zero", "nine", "null", "fünf", "neun"], new[] { 0, 9, 10, 15, 19 }.Select(c => shd.ClassNames[c]));
        Assert.Equal([0, 19, 10], shd.Train.Labels.ToArray());
        Assert.Equal([12, 9], shd.Test.Labels.ToArray());
        Assert.Equal(700, shd.Train.Dimension);
        Assert.Equal(750_001, shd.Train.Events!.Window);
        Assert.Equal(750_001, shd.Test.Events!.Window);
        Assert.Equal([0f], shd.Normalisation.Mean);
        Assert.Equal([1f], shd.Normalisation.Std);

        Assert.Equal([(0, 1), (1, 2), (2, 699)], EventFrames.Lit(shd, shd.Train, 0, 4));
        Assert.Empty(EventFrames.Lit(shd, shd.Train, 1, 4));
        Assert.Equal([(3, 7)], EventFrames.Lit(shd, shd.Train, 2, 4));
        // 0.125 s is 125 000 µs, frame 0 of 4; 1.5 s is past the window, so in the last frame.
        Assert.Equal([(0, 3)], EventFrames.Lit(shd, shd.Test, 0, 4));
        Assert.Equal([(3, 0)], EventFrames.Lit(shd, shd.Test, 1, 4));
    }

    [Fact]
    public void RoundsTimesToWholeMicroseconds()
    {
        // 0.0000014 s rounds to 1 µs, 0.0000026 s to 3 µs; the window is 4 µs, so in 4 frames each µs is a frame.
        ShdFiles.Write(Path.Combine(Folder, "shd_train.h5"), new double[][] { [0.0000014, 0.0000026] },
            new byte[][] { [5, 6] }, new byte[] { 1 });
        WriteTest();

        LabelledDataset shd = DatasetCatalogue.Load("shd", _scratch.Path);

        Assert.Equal(4, shd.Train.Events!.Window);
        Assert.Equal([(1, 5), (3, 6)], EventFrames.Lit(shd, shd.Train, 0, 4));
    }

    public static TheoryData<string, Array, Array, Array, string> Malformed => new()
    {
        { "unit out of range", new float[][] { [0.1f, 0.2f] }, new ushort[][] { [3, 700] }, new ushort[] { 1 }, "unit 700" },
        { "length mismatch", new float[][] { [0.1f, 0.2f] }, new ushort[][] { [3] }, new ushort[] { 1 }, "2 spike times but 1 units" },
        { "label out of range", new float[][] { [0.1f] }, new ushort[][] { [3] }, new ushort[] { 20 }, "label 20" },
        { "negative time", new float[][] { [0.1f, -0.5f] }, new ushort[][] { [3, 4] }, new ushort[] { 1 }, "time -0.5 s" },
        { "NaN time", new float[][] { [float.NaN] }, new ushort[][] { [3] }, new ushort[] { 1 }, "time NaN s" },
        { "row counts", new float[][] { [0.1f], [0.2f] }, new ushort[][] { [3], [4] }, new ushort[] { 1 }, "2 rows of spike times, 2 of units and 1 labels" },
        { "labels not integers", new float[][] { [0.1f] }, new ushort[][] { [3] }, new float[] { 1 }, "in 'labels', not integers" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedFileIsOneLineCorruptErrorNamingIt(string problem, Array times, Array units, Array labels, string mention)
    {
        Assert.NotEmpty(problem);
        string bad = ShdFiles.Write(Path.Combine(Folder, "shd_train.h5"), times, units, labels);
        WriteTest();

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetCatalogue.Load("shd", _scratch.Path), bad, mention, "download a fresh copy");
    }

    [Fact]
    public void MissingDatasetInTheFileIsOneLineCorruptError()
    {
        string bad = ShdFiles.WriteOnly(Path.Combine(Folder, "shd_train.h5"), new Dictionary<string, object>
        {
            ["spikes/times"] = new float[][] { [0.1f] },
            ["labels"] = new ushort[] { 1 },
        });
        WriteTest();

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetCatalogue.Load("shd", _scratch.Path), bad, "no 'spikes/units' dataset");
    }

    [Fact]
    public void FileThatIsNotHdf5IsOneLineCorruptError()
    {
        string bad = Path.Combine(Folder, "shd_train.h5.gz");
        File.WriteAllBytes(bad, SyntheticFiles.Gzip("not HDF5 at all"u8.ToArray()));
        WriteTest();

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetCatalogue.Load("shd", _scratch.Path), bad, "not an HDF5 file");
    }

    [Fact]
    public void TruncatedHdf5IsOneLineCorruptError()
    {
        string bad = ShdFiles.Write(Path.Combine(Folder, "shd_train.h5"), new float[][] { [0.1f] }, new ushort[][] { [3] }, new ushort[] { 1 });
        byte[] whole = File.ReadAllBytes(bad);
        File.WriteAllBytes(bad, whole[..(whole.Length / 2)]);
        WriteTest();

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetCatalogue.Load("shd", _scratch.Path), bad);
    }

    /// <summary>The published files were written by h5py (libhdf5); one written the same way must read the same.</summary>
    [Fact]
    public void ReadsAFileThatH5pyWrote()
    {
        DebianPython.RequireOrSkip("h5py", "numpy");
        string python = DebianPython.Path, script = Path.Combine(AppContext.BaseDirectory, "events", "make_shd.py");
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(Path.Combine(Folder, "shd_train.h5"));
        using (var make = Process.Start(start)!)
        {
            string said = make.StandardOutput.ReadToEnd() + make.StandardError.ReadToEnd();
            make.WaitForExit();
            Assert.True(make.ExitCode == 0, said);
        }

        WriteTest();

        LabelledDataset shd = DatasetCatalogue.Load("shd", _scratch.Path);

        // make_shd.py: float16 times [0, 0.25, 0.5], [], [0.75]; uint16 units [1, 2, 699], [], [7]; labels 0, 19, 10.
        Assert.Equal([0, 19, 10], shd.Train.Labels.ToArray());
        Assert.Equal(750_001, shd.Train.Events!.Window);
        Assert.Equal([(0, 1), (1, 2), (2, 699)], EventFrames.Lit(shd, shd.Train, 0, 4));
        Assert.Empty(EventFrames.Lit(shd, shd.Train, 1, 4));
        Assert.Equal([(3, 7)], EventFrames.Lit(shd, shd.Train, 2, 4));
    }
}
