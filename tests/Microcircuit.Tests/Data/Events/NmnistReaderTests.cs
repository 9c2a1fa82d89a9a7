using Microcircuit.Data;
using Microcircuit.Errors;
using Xunit;

namespace Microcircuit.Tests.Data.Events;

public sealed class NmnistReaderTests : IDisposable
{
    private const int Plane = 34 * 34;
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private static int Channel(int polarity, int y, int x) => polarity * Plane + y * 34 + x;

    [Fact]
    public void ReadsDigitFoldersInOrderWithTheirEventsInFrames()
    {
        string root = NmnistFiles.EmptyDataset(_scratch.Path);
        // Times up to 1023 µs make a window of 1024; cut into 1024 frames, frame t holds the events at t µs.
        NmnistFiles.Write(root, "Train", 0, "00002.bin", NmnistFiles.Recording((1, 2, 0, 0), (33, 33, 1, 1023)));
        NmnistFiles.Write(root, "Train", 3, "b.bin", NmnistFiles.Recording((5, 6, 1, 0x0123)));
        NmnistFiles.Write(root, "Train", 3, "a.bin", NmnistFiles.Recording((7, 8, 0, 0x02FF), (7, 8, 1, 3)));
        NmnistFiles.Write(root, "Train", 9, "00001.bin", []);
        NmnistFiles.Write(root, "Test", 4, "00001.bin", NmnistFiles.Recording((0, 33, 1, 5000)));

        LabelledDataset nmnist = DatasetCatalogue.Load("nmnist", _scratch.Path);

        Assert.Equal("nmnist", nmnist.Name);
        Assert.Equal((2, 34, 34, 10), (nmnist.Channels, nmnist.Height, nmnist.Width, nmnist.Classes));
        Assert.Equal("7", nmnist.ClassNames[7]);
        Assert.Equal([0, 3, 3, 9], nmnist.Train.Labels.ToArray());
        Assert.Equal([4], nmnist.Test.Labels.ToArray());
        Assert.True(nmnist.Train.IsTemporal);
        Assert.Equal(2 * Plane, nmnist.Train.Dimension);
        Assert.Equal(1024, nmnist.Train.Events!.Window);
        Assert.Equal(1024, nmnist.Test.Events!.Window);
        Assert.Equal([2L, 2, 1, 0], Enumerable.Range(0, 4).Select(nmnist.Train.Events.EventsOf));
        Assert.Equal(new float[2], nmnist.Normalisation.Mean);
        Assert.Equal([1f, 1f], nmnist.Normalisation.Std);

        Assert.Equal([(0, Channel(0, 2, 1)), (1023, Channel(1, 33, 33))], EventFrames.Lit(nmnist, nmnist.Train, 0, 1024));
        // Files sorted by name: a.bin before b.bin.
        Assert.Equal([(3, Channel(1, 8, 7)), (0x02FF, Channel(0, 8, 7))], EventFrames.Lit(nmnist, nmnist.Train, 1, 1024));
        Assert.Equal([(0x0123, Channel(1, 6, 5))], EventFrames.Lit(nmnist, nmnist.Train, 2, 1024));
        Assert.Empty(EventFrames.Lit(nmnist, nmnist.Train, 3, 4));
        // A test event later than the training window falls in the last frame.
        Assert.Equal([(3, Channel(1, 33, 0))], EventFrames.Lit(nmnist, nmnist.Test, 0, 4));
    }

    [Fact]
    public void ReadsTheHighBitsOfTheTimestampAndThePolarity()
    {
        string root = NmnistFiles.EmptyDataset(_scratch.Path);
        // The largest 23-bit time makes a window of 2^23 µs: in 128 frames an event's frame is its time's top 7 bits.
        NmnistFiles.Write(root, "Train", 1, "1.bin", NmnistFiles.Recording((2, 3, 1, 0x12345), (4, 5, 0, 0x7FFFFF), (6, 7, 1, 0x7F0000)));
        NmnistFiles.Write(root, "Test", 2, "1.bin", NmnistFiles.Recording((8, 9, 0, 0x410000)));

        LabelledDataset nmnist = DatasetCatalogue.Load("nmnist", _scratch.Path);

        Assert.Equal(1L << 23, nmnist.Train.Events!.Window);
        Assert.Equal([(1, Channel(1, 3, 2)), (127, Channel(0, 5, 4)), (127, Channel(1, 7, 6))], EventFrames.Lit(nmnist, nmnist.Train, 0, 128));
        Assert.Equal([(0x41, Channel(0, 9, 8))], EventFrames.Lit(nmnist, nmnist.Test, 0, 128));
    }

    [Fact]
    public void TruncatedEventIsOneLineCorruptError()
    {
        string root = NmnistFiles.EmptyDataset(_scratch.Path);
        NmnistFiles.Write(root, "Train", 0, "1.bin", NmnistFiles.Recording((1, 1, 0, 1)));
        string bad = NmnistFiles.Write(root, "Test", 5, "1.bin", [.. NmnistFiles.Recording((1, 1, 0, 1)), 7, 7]);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetCatalogue.Load("nmnist", _scratch.Path), bad, "7 bytes", "5-byte", "unzip a fresh copy");
    }

    [Fact]
    public void EventOutsideTheSensorIsOneLineCorruptError()
    {
        string root = NmnistFiles.EmptyDataset(_scratch.Path);
        string bad = NmnistFiles.Write(root, "Train", 2, "1.bin", NmnistFiles.Recording((1, 1, 0, 1), (34, 0, 0, 2)));
        NmnistFiles.Write(root, "Test", 0, "1.bin", NmnistFiles.Recording((1, 1, 0, 1)));

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetCatalogue.Load("nmnist", _scratch.Path), bad, "x = 34", "event 1");
    }

    [Fact]
    public void MissingDigitFolderIsOneLineCorruptError()
    {
        string root = NmnistFiles.EmptyDataset(_scratch.Path);
        NmnistFiles.Write(root, "Train", 0, "1.bin", NmnistFiles.Recording((1, 1, 0, 1)));
        NmnistFiles.Write(root, "Test", 0, "1.bin", NmnistFiles.Recording((1, 1, 0, 1)));
        Directory.Delete(Path.Combine(root, "Test", "6"));

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetCatalogue.Load("nmnist", _scratch.Path), Path.Combine(root, "Test", "6"), "0 to 9");
    }

    [Fact]
    public void EmptySplitIsOneLineCorruptError()
    {
        string root = NmnistFiles.EmptyDataset(_scratch.Path);
        NmnistFiles.Write(root, "Test", 0, "1.bin", NmnistFiles.Recording((1, 1, 0, 1)));

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetCatalogue.Load("nmnist", _scratch.Path), Path.Combine(root, "Train"), "no .bin recordings");
    }

    [Fact]
    public void MissingDatasetSaysHowToGetIt()
    {
        Directory.CreateDirectory(Path.Combine(_scratch.Path, "nmnist", "Train"));

        FaultAssert.Throws(ErrorKind.DatasetMissing, () => DatasetCatalogue.Load("nmnist", _scratch.Path), "Test[.gz]", "garrickorchard.com");
    }
}
