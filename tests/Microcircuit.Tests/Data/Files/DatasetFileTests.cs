using System.Diagnostics;
using Microcircuit.Data;
using Microcircuit.Errors;
using Microcircuit.Training;
using static Microcircuit.Tests.Data.Files.NpzWriter;

namespace Microcircuit.Tests.Data.Files;

/// <summary>
/// A user's own data as a NumPy .npz archive or a pair of CSV files: read exactly, checked like the built-in sets, and
/// learnt; the same data through either form trains to the same bits.
/// </summary>
public sealed class DatasetFileTests
{
    private static readonly TrainingOptions Options = new() { Hidden = [64], Epochs = 4, Steps = 5, LearningRate = 2e-3f, Batch = 20, Seed = 3 };

    private static (byte[] Pixels, long[] Labels) Train => SeparableImages.Make(800, 1);
    private static (byte[] Pixels, long[] Labels) Test => SeparableImages.Make(300, 2);

    private static string WriteNpz(ScratchFolder folder, string name = "mine.npz", bool compressed = false)
    {
        var (xt, yt) = Train;
        var (xs, ys) = Test;
        string path = folder[name];
        Write(path, new Dictionary<string, NpzWriter.Array>
        {
            ["x_train"] = Bytes(xt, yt.Length, 8, 8), ["y_train"] = Longs(yt, yt.Length),
            ["x_test"] = Bytes(xs, ys.Length, 8, 8), ["y_test"] = Longs(ys, ys.Length),
        }, compressed);
        return path;
    }

    private static string WriteCsv(ScratchFolder folder)
    {
        var (xt, yt) = Train;
        var (xs, ys) = Test;
        SeparableImages.WriteCsv(folder["mine_train.csv"], xt, yt, header: false);
        SeparableImages.WriteCsv(folder["mine_test.csv"], xs, ys, header: true);
        return folder["mine_train.csv"];
    }

    private static (TrainingResult Result, float[][] Weights) TrainOn(LabelledDataset data)
    {
        var experiment = new Experiment(Options, data);
        var result = new Trainer(experiment).Run();
        return (result, experiment.Network.Layers.Select(l => l.Weights.ToArray()).ToArray());
    }

    [Fact]
    public void A_uint8_npz_is_read_exactly_and_learnt()
    {
        using var folder = new ScratchFolder();
        var data = DatasetFiles.Load(WriteNpz(folder));
        Assert.Equal((1, 8, 8, 4), (data.Channels, data.Height, data.Width, data.Classes));
        Assert.Equal((800, 300), (data.Train.Count, data.Test.Count));
        Assert.Equal(Train.Pixels.AsSpan(64 * 5, 64).ToArray(), data.Train.Image(5));
        Assert.Equal(Test.Labels[7], data.Test.Label(7));
        Assert.True(TrainOn(data).Result.Final.TestAccuracy >= 0.9);
    }

    [Fact]
    public void The_same_data_as_csv_trains_to_the_same_bits()
    {
        using var folder = new ScratchFolder();
        var (npz, npzWeights) = TrainOn(DatasetFiles.Load(WriteNpz(folder, compressed: true)));
        var (csv, csvWeights) = TrainOn(DatasetFiles.Load(WriteCsv(folder)));
        Assert.Equal(npz.Final.TestAccuracy, csv.Final.TestAccuracy);
        Assert.Equal(npz.Final.TrainLoss, csv.Final.TrainLoss);
        for (int l = 0; l < npzWeights.Length; l++) Assert.Equal(npzWeights[l], csvWeights[l]);
    }

    [Fact]
    public void The_training_split_gives_the_normalisation_unless_the_file_does()
    {
        using var folder = new ScratchFolder();
        var (xt, _) = Train;
        double mean = xt.Average(p => p / 255.0), std = Math.Sqrt(xt.Average(p => Math.Pow(p / 255.0 - mean, 2)));
        var measured = DatasetFiles.Load(WriteNpz(folder)).Normalisation;
        Assert.Equal(255f, measured.Scale);
        Assert.Equal(mean, measured.Mean[0], 5);
        Assert.Equal(std, measured.Std[0], 5);

        string given = folder["given.npz"];
        var (xs, ys) = Test;
        Write(given, new Dictionary<string, NpzWriter.Array>
        {
            ["x_train"] = Bytes(xt, 800, 64), ["y_train"] = Longs(Train.Labels, 800, 1),
            ["x_test"] = Bytes(xs, 300, 64), ["y_test"] = Longs(ys, 300, 1),
            ["mean"] = Floats([0.5f], 1), ["std"] = Floats([0.25f], 1),
        });
        var data = DatasetFiles.Load(given);
        Assert.Equal((1, 8, 8), (data.Channels, data.Height, data.Width));   // N×64 is taken as 8×8
        Assert.Equal([0.5f], data.Normalisation.Mean);
        Assert.Equal([0.25f], data.Normalisation.Std);
    }

    [Fact]
    public void Channels_last_floats_are_reordered_channel_major()
    {
        using var folder = new ScratchFolder();
        // Two samples of 2×3 pixels, 3 channels; value = 100·channel + pixel (+ 1000 for the second sample).
        var values = new float[2 * 2 * 3 * 3];
        for (int n = 0; n < 2; n++)
            for (int p = 0; p < 6; p++)
                for (int c = 0; c < 3; c++)
                    values[(n * 6 + p) * 3 + c] = 1000 * n + 100 * c + p;
        string path = folder["rgb.npz"];
        Write(path, new Dictionary<string, NpzWriter.Array>
        {
            ["x_train"] = Floats(values, 2, 2, 3, 3), ["y_train"] = Longs([0, 1], 2),
            ["x_test"] = Floats(values, 2, 2, 3, 3), ["y_test"] = Longs([1, 0], 2),
        });
        var data = DatasetFiles.Load(path);
        Assert.Equal((3, 2, 3), (data.Channels, data.Height, data.Width));
        var sample = new float[18];
        data.Train.CopyNormalised(1, sample, Normalisation.Identity(3));
        Assert.Equal(Enumerable.Range(0, 18).Select(i => 1000f + 100 * (i / 6) + i % 6), sample);
    }

    [Fact]
    public void A_file_numpy_itself_wrote_is_read_as_ours()
    {
        DebianPython.RequireOrSkip("numpy");
        string python = DebianPython.Path;
        using var folder = new ScratchFolder();
        string ours = WriteNpz(folder), theirs = folder["numpy.npz"];
        string script = $"import numpy as np; a = np.load('{ours}'); np.savez_compressed('{theirs}', x_train=a['x_train'], y_train=a['y_train'].astype(np.uint8), x_test=a['x_test'], y_test=a['y_test'].astype(np.int32))";
        using var run = Process.Start(new ProcessStartInfo(python) { ArgumentList = { "-c", script }, RedirectStandardError = true })!;
        Assert.True(run.WaitForExit(60_000) && run.ExitCode == 0, run.StandardError.ReadToEnd());
        LabelledDataset a = DatasetFiles.Load(ours), b = DatasetFiles.Load(theirs);
        Assert.Equal(a.Train.Images!.Image(799), b.Train.Images!.Image(799));
        Assert.Equal(a.Test.Labels.ToArray(), b.Test.Labels.ToArray());
        Assert.Equal(a.Normalisation.Mean, b.Normalisation.Mean);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "no-y-test", "no array 'y_test'" },
        { "label-300", "a label is 300" },
        { "shapes", "training samples are 1×8×8 and its test samples 1×4×4" },
        { "int-pixels", "holds '<i8' values" },
        { "fortran", "Fortran order" },
        { "truncated", "not a readable .npz" },
        { "nan", "NaN or infinite" },
        { "labels-count", "'y_train' has shape (5) for 4 samples" },
        { "one-class", "every label is 0" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_npz_is_refused_in_one_line_naming_the_file(string fault, string expected)
    {
        using var folder = new ScratchFolder();
        string path = folder[fault + ".npz"];
        var x = Bytes(new byte[4 * 64], 4, 8, 8);
        var y = Longs([0, 1, 2, 3], 4);
        var arrays = new Dictionary<string, NpzWriter.Array> { ["x_train"] = x, ["y_train"] = y, ["x_test"] = x, ["y_test"] = y };
        switch (fault)
        {
            case "no-y-test": arrays.Remove("y_test"); break;
            case "label-300": arrays["y_test"] = Longs([0, 1, 300, 3], 4); break;
            case "shapes": arrays["x_test"] = Bytes(new byte[4 * 16], 4, 4, 4); break;
            case "int-pixels": arrays["x_train"] = Longs(new long[4 * 64], 4, 8, 8); break;
            case "nan": arrays["x_train"] = Floats([.. new float[255], float.NaN], 4, 8, 8); arrays["x_test"] = Floats(new float[256], 4, 8, 8); break;
            case "labels-count": arrays["y_train"] = Longs([0, 1, 2, 3, 0], 5); break;
            case "one-class": arrays["y_train"] = arrays["y_test"] = Longs(new long[4], 4); break;
        }
        Write(path, arrays);
        if (fault == "fortran")
        {
            var npy = Npy(x);
            int at = npy.AsSpan().IndexOf("False"u8);
            "True "u8.CopyTo(npy.AsSpan(at));
            using var zip = new System.IO.Compression.ZipArchive(File.Open(path, FileMode.Open), System.IO.Compression.ZipArchiveMode.Update);
            zip.GetEntry("x_train.npy")!.Delete();
            using var s = zip.CreateEntry("x_train.npy").Open();
            s.Write(npy);
        }
        if (fault == "truncated") File.WriteAllBytes(path, File.ReadAllBytes(path)[..200]);
        var e = FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetFiles.Load(path), path, expected);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Malformed_csv_files_are_refused_in_one_line()
    {
        using var folder = new ScratchFolder();
        string train = folder["d_train.csv"], test = folder["d_test.csv"];
        File.WriteAllText(test, "0,1,2,3,4\n1,5,6,7,8\n");
        File.WriteAllText(train, "0,1,2,3,4\n1,5,6,7\n");
        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetFiles.Load(train), train, "row 2 holds 3 values and the first row 4");
        File.WriteAllText(train, "0,1,2,3,4\n1,5,6,7,\"8,5\"\n");
        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetFiles.Load(train), train, "not a finite number");
        File.WriteAllText(train, "0,1,2,3,4\nx,5,6,7,8\n");
        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetFiles.Load(train), train, "row 2 starts with 'x'");
        File.WriteAllText(folder["lonely.csv"], "0,1\n");
        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => DatasetFiles.Load(folder["lonely.csv"]), "no \"train\" in it");
        File.Delete(test);
        File.WriteAllText(train, "0,1,2,3,4\n1,5,6,7,8\n");
        FaultAssert.Throws(ErrorKind.DatasetMissing, () => DatasetFiles.Load(train), test);
        FaultAssert.Throws(ErrorKind.DatasetMissing, () => DatasetFiles.Load(folder["absent.npz"]), "does not exist");
    }

    [Fact]
    public void Csv_floats_are_kept_as_floats_and_match_their_values()
    {
        using var folder = new ScratchFolder();
        File.WriteAllText(folder["f_train.csv"], "0,0.25,1.5,-2,4\n1,1,2,3,4\n");
        File.WriteAllText(folder["f_test.csv"], "1,0,0,0,1e-3\n0,1,1,1,1\n");
        var data = DatasetFiles.Load(folder["f_train.csv"]);
        Assert.Null(data.Train.Images);
        Assert.Equal((1, 2, 2), (data.Channels, data.Height, data.Width));
        var sample = new float[4];
        data.Train.CopyNormalised(0, sample, Normalisation.Identity(1));
        Assert.Equal([0.25f, 1.5f, -2f, 4f], sample);
        data.Test.CopyNormalised(0, sample, Normalisation.Identity(1));
        Assert.Equal(1e-3f, sample[3]);
    }
}
