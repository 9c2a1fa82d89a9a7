using System.Globalization;
using System.Text.RegularExpressions;
using Microcircuit.Tests.Data;
using Microcircuit.Tests.Data.Events;
using Microcircuit.Tests.Data.Files;
using Microcircuit.Tests.Reliability;

namespace Microcircuit.Tests.Cli;

/// <summary>The tool takes a user's file as --dataset, resumes and evaluates it from any folder, and says where event data comes from.</summary>
public sealed class DatasetFileCommandTests
{
    [Fact]
    public void Train_resume_and_eval_take_an_npz_file()
    {
        using var folder = new ScratchFolder();
        var (xt, yt) = SeparableImages.Make(300, 21);
        var (xs, ys) = SeparableImages.Make(100, 22);
        string npz = folder["my data.npz"];
        NpzWriter.Write(npz, new Dictionary<string, NpzWriter.Array>
        {
            ["x_train"] = NpzWriter.Bytes(xt, 300, 8, 8), ["y_train"] = NpzWriter.Longs(yt, 300),
            ["x_test"] = NpzWriter.Bytes(xs, 100, 8, 8), ["y_test"] = NpzWriter.Longs(ys, 100),
        });
        string run = folder["run"];
        var trained = InProcess.Run("train", "--dataset", npz, "--net", "4C3-P2-20-4", "--epochs", "1", "--steps", "3", "--quiet", "--out", run);
        Assert.True(trained.ExitCode == 0, trained.Error);
        Assert.Contains("\"dataset\": \"" + npz.Replace("\\", "\\\\") + "\"", File.ReadAllText(Path.Combine(run, "config.json")));
        var resumed = InProcess.Run("train", "--resume", run, "--epochs", "2", "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        var evaluated = InProcess.Run("eval", "--checkpoint", run);
        Assert.True(evaluated.ExitCode == 0, evaluated.Error);
        Assert.Contains("evaluated on 100 ", evaluated.Output);
    }

    [Fact]
    public void A_missing_event_dataset_says_where_to_get_it()
    {
        using var folder = new ScratchFolder();
        foreach (var (name, hint) in new[] { ("nmnist", "garrickorchard.com"), ("shd", "zenkelab.org"), ("dvs-gesture", "DvsGesture.tar.gz") })
            InProcess.AssertRefused(InProcess.Run(["train", "--dataset", name, "--data-dir", folder.Path, .. InProcess.Tiny]), 3, name, hint, "pass --data-dir DIR");
    }

    [Fact]
    public void A_missing_or_malformed_file_is_one_line()
    {
        using var folder = new ScratchFolder();
        InProcess.AssertRefused(InProcess.Run(["train", "--dataset", folder["nothing.npz"], .. InProcess.Tiny]), 3, "nothing.npz", "does not exist");
        File.WriteAllText(folder["bad.npz"], "not a zip");
        InProcess.AssertRefused(InProcess.Run(["train", "--dataset", folder["bad.npz"], .. InProcess.Tiny]), 4, "bad.npz", "not a readable .npz");
        InProcess.AssertRefused(InProcess.Run(["train", "--dataset", "cifar11", .. InProcess.Tiny]), 2, "cifar11", ".npz or .csv");
    }

    /// <summary>
    /// N-MNIST in its published layout, made small: each digit's recordings fire at that digit's own pixels, at times
    /// spread over 0.3 s; the tool reads them, bins them into T frames and learns them.
    /// </summary>
    [Fact]
    public void Train_reads_n_mnist_files_and_learns_them()
    {
        using var folder = new ScratchFolder();
        string root = NmnistFiles.EmptyDataset(folder.Path);
        var random = new Random(7);
        foreach (var (split, count) in new[] { ("Train", 12), ("Test", 4) })
            for (int digit = 0; digit < 10; digit++)
                for (int k = 0; k < count; k++)
                {
                    var events = Enumerable.Range(0, 30).Select(_ => (X: 3 * digit + random.Next(3), Y: 3 * digit + random.Next(3), Polarity: random.Next(2), Time: random.Next(300_000)))
                        .OrderBy(e => e.Time).ToArray();
                    NmnistFiles.Write(root, split, digit, $"{k:D5}.bin", NmnistFiles.Recording(events));
                }
        var r = InProcess.Run("train", "--dataset", "nmnist", "--data-dir", folder.Path, "--hidden", "40", "--epochs", "8", "--steps", "10", "--lr", "3e-3", "--batch", "10", "--quiet", "--out", folder["run"]);
        Assert.True(r.ExitCode == 0, r.Error);
        double accuracy = double.Parse(Regex.Match(r.Output, @"test accuracy ([0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(accuracy >= 0.9, r.Output);
        Assert.Contains("\"encoder\": \"events\"", File.ReadAllText(Path.Combine(folder["run"], "config.json")));
    }
}
