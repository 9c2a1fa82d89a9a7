using Microcircuit.Data;
using Microcircuit.Errors;
using Xunit;
using static Microcircuit.Tests.Data.Events.AedatFiles;

namespace Microcircuit.Tests.Data.Events;

public sealed class DvsGestureReaderTests : IDisposable
{
    private const int Plane = 128 * 128;
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private string Folder => _scratch.Folder("DvsGesture");

    private static int Channel(int polarity, int y, int x) => polarity * Plane + y * 128 + x;

    private void Text(string name, string content) => File.WriteAllText(Path.Combine(Folder, name), content);

    private string Recording(string name, params byte[][] parts) => Write(Path.Combine(Folder, name), [Header(), .. parts]);

    /// <summary>
    /// Two training recordings and one test recording. user01: a packet of special events (skipped), a polarity packet
    /// with an invalid event, and one with overflow 1 (times 2^31 µs later); three gestures. user02: times out of order
    /// (999, 1500, 10: a binary search for [0, 1000) would miss the 10), one gesture. user24 (test): one gesture with an event after its end.
    /// </summary>
    private void WriteDataset()
    {
        Text("trials_to_train.txt", "user01_fluorescent.aedat\n\nuser02_led.aedat\n");
        Text("trials_to_test.txt", "user24_natural.aedat\r\n");
        Recording("user01_fluorescent.aedat",
            Packet(0, 8, 0, [new byte[8], new byte[8]]),
            PolarityPacket(0, Polarity(0, 0, 0, 100), Polarity(5, 5, 1, 150, valid: false), Polarity(127, 127, 1, 200), Polarity(10, 20, 1, 1100)),
            PolarityPacket(1, Polarity(64, 1, 0, 5)));
        Text("user01_fluorescent_labels.csv", "class,startTime_usec,endTime_usec\n1,100,1100\n11,1100,2000\n3,2147483648,2147483700\n");
        Recording("user02_led.aedat", PolarityPacket(0, Polarity(3, 4, 0, 999), Polarity(9, 9, 1, 1500), Polarity(9, 9, 1, 10)));
        Text("user02_led_labels.csv", "class,startTime_usec,endTime_usec\r\n6,0,1000\r\n");
        Recording("user24_natural.aedat", PolarityPacket(0, Polarity(1, 2, 1, 550), Polarity(1, 2, 0, 700)));
        Text("user24_natural_labels.csv", "class,startTime_usec,endTime_usec\n2,500,600\n");
    }

    [Fact]
    public void EachLabelledSpanIsASampleWithTimesFromItsStart()
    {
        WriteDataset();

        LabelledDataset gestures = DatasetCatalogue.Load("dvs-gesture", _scratch.Path);

        Assert.Equal("dvs-gesture", gestures.Name);
        Assert.Equal((2, 128, 128, 11), (gestures.Channels, gestures.Height, gestures.Width, gestures.Classes));
        Assert.Equal("hand clap", gestures.ClassNames[0]);
        Assert.Equal("other gestures", gestures.ClassNames[10]);
        Assert.Equal([0, 10, 2, 5], gestures.Train.Labels.ToArray());
        Assert.Equal([1], gestures.Test.Labels.ToArray());
        Assert.Equal(2 * Plane, gestures.Train.Dimension);
        // The latest training time is 999 µs after its span's start: a window of 1000 µs, 100 µs a frame in 10 frames.
        Assert.Equal(1000, gestures.Train.Events!.Window);
        Assert.Equal(1000, gestures.Test.Events!.Window);
        Assert.Equal([2L, 1, 1, 2], Enumerable.Range(0, 4).Select(gestures.Train.Events.EventsOf));
        Assert.Equal([0f, 0f], gestures.Normalisation.Mean);

        Assert.Equal([(0, Channel(0, 0, 0)), (1, Channel(1, 127, 127))], EventFrames.Lit(gestures, gestures.Train, 0, 10));
        Assert.Equal([(0, Channel(1, 20, 10))], EventFrames.Lit(gestures, gestures.Train, 1, 10));
        Assert.Equal([(0, Channel(0, 1, 64))], EventFrames.Lit(gestures, gestures.Train, 2, 10));
        Assert.Equal([(0, Channel(1, 9, 9)), (9, Channel(0, 4, 3))], EventFrames.Lit(gestures, gestures.Train, 3, 10));
        Assert.Equal([(0, Channel(1, 2, 1))], EventFrames.Lit(gestures, gestures.Test, 0, 10));
    }

    [Fact]
    public void TruncatedPacketIsOneLineCorruptError()
    {
        WriteDataset();
        byte[] packet = Packet(1, 8, 0, [Polarity(1, 1, 0, 1), Polarity(1, 1, 0, 2)], declared: 3);
        string bad = Recording("user02_led.aedat", packet);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetCatalogue.Load("dvs-gesture", _scratch.Path),
            bad, "packet 0", "truncated", "unpack a fresh copy");
    }

    [Fact]
    public void TruncatedPacketHeaderIsOneLineCorruptError()
    {
        WriteDataset();
        string bad = Recording("user24_natural.aedat", PolarityPacket(0, Polarity(1, 1, 0, 1)), new byte[10]);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetCatalogue.Load("dvs-gesture", _scratch.Path), bad, "packet 1", "truncated");
    }

    [Fact]
    public void MissingLabelsFileIsOneLineCorruptError()
    {
        WriteDataset();
        string labels = Path.Combine(Folder, "user02_led_labels.csv");
        File.Delete(labels);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetCatalogue.Load("dvs-gesture", _scratch.Path), labels, "is missing");
    }

    [Fact]
    public void EventOutsideTheSensorIsOneLineCorruptError()
    {
        WriteDataset();
        string bad = Recording("user02_led.aedat", PolarityPacket(0, Polarity(3, 4, 0, 999), Polarity(128, 0, 1, 1000)));

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetCatalogue.Load("dvs-gesture", _scratch.Path), bad, "x = 128");
    }

    [Fact]
    public void FileWithoutTheAedat3HeaderIsOneLineCorruptError()
    {
        WriteDataset();
        string bad = Write(Path.Combine(Folder, "user24_natural.aedat"), Header("#!AER-DAT2.0"), PolarityPacket(0, Polarity(1, 1, 0, 1)));

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetCatalogue.Load("dvs-gesture", _scratch.Path), bad, "#!AER-DAT3.1");
    }

    [Fact]
    public void ListedRecordingThatIsMissingIsOneLineCorruptError()
    {
        WriteDataset();
        string gone = Path.Combine(Folder, "user02_led.aedat");
        File.Delete(gone);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetCatalogue.Load("dvs-gesture", _scratch.Path), gone, "trials_to_train.txt");
    }

    [Theory]
    [InlineData("12,0,1000", "class 12")]
    [InlineData("1,1000,10", "from 1000 µs to 10 µs")]
    [InlineData("1;0;1000", "line 2")]
    public void MalformedLabelsFileIsOneLineCorruptError(string row, string mention)
    {
        WriteDataset();
        Text("user02_led_labels.csv", $"class,startTime_usec,endTime_usec\n{row}\n");

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetCatalogue.Load("dvs-gesture", _scratch.Path),
            Path.Combine(Folder, "user02_led_labels.csv"), mention);
    }

    [Fact]
    public void EmptyTrialsListIsOneLineCorruptError()
    {
        WriteDataset();
        Text("trials_to_test.txt", "\n\n");

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetCatalogue.Load("dvs-gesture", _scratch.Path),
            Path.Combine(Folder, "trials_to_test.txt"), "lists no recordings");
    }
}
