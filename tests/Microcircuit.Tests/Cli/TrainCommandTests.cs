using System.Text.Json;
using Microcircuit.Tests.Data;

namespace Microcircuit.Tests.Cli;

public sealed class TrainCommandTests
{
    private static void AssertOneLineError((int ExitCode, string Output, string Error) r, int exitCode, string mentions)
    {
        Assert.Equal(exitCode, r.ExitCode);
        var lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one error line, got:\n{r.Error}");
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(mentions, lines[0]);
        Assert.DoesNotContain("   at ", r.Error + r.Output);   // no stack trace
    }

    [Fact]
    public void A_missing_dataset_is_one_line_with_the_fix_and_exit_code_3()
    {
        using var empty = new ScratchFolder();
        var r = ToolProcess.Run(["train", "--dataset", "mnist", "--data-dir", empty.Path, "--quiet"]);
        AssertOneLineError(r, 3, "--data-dir");
    }

    [Fact]
    public void A_truncated_gz_is_one_line_naming_the_file_and_exit_code_4()
    {
        using var folder = new ScratchFolder();
        SyntheticFiles.WriteIdxDataset(folder.Path, train: 50, test: 20, gzip: true);
        string images = Path.Combine(folder.Path, "train-images-idx3-ubyte.gz");
        var bytes = File.ReadAllBytes(images);
        File.WriteAllBytes(images, bytes[..(bytes.Length / 2)]);
        var r = ToolProcess.Run(["train", "--dataset", "mnist", "--data-dir", folder.Path, "--no-verify", "--quiet"]);
        AssertOneLineError(r, 4, "train-images-idx3-ubyte.gz");
    }

    [Fact]
    public void A_wrong_idx_magic_is_one_line_naming_the_file_and_exit_code_4()
    {
        using var folder = new ScratchFolder();
        SyntheticFiles.WriteIdxDataset(folder.Path, train: 50, test: 20, gzip: false);
        string labels = Path.Combine(folder.Path, "t10k-labels-idx1-ubyte");
        var bytes = File.ReadAllBytes(labels);
        bytes[3] = 0x09;
        File.WriteAllBytes(labels, bytes);
        var r = ToolProcess.Run(["train", "--dataset", "mnist", "--data-dir", folder.Path, "--no-verify", "--quiet"]);
        AssertOneLineError(r, 4, "t10k-labels-idx1-ubyte");
    }

    [Theory]
    [InlineData("--batch", "0", "--batch")]
    [InlineData("--optimizer", "adagrad", "--optimizer")]
    [InlineData("--loss", "hinge", "--loss")]
    [InlineData("--desired-count", "9", "--desired-count")]
    [InlineData("--hidden", "8x-3", "--hidden")]
    [InlineData("--epochs", "many", "many")]
    public void A_bad_option_is_one_line_and_exit_code_2(string option, string value, string mentions)
    {
        var r = ToolProcess.Run(["train", option, value]);
        AssertOneLineError(r, 2, mentions);
    }

    [Fact]
    public void Train_on_the_embedded_digits_writes_metrics_and_history()
    {
        using var folder = new ScratchFolder();
        string run = Path.Combine(folder.Path, "run");
        var r = ToolProcess.Run(["train", "--epochs", "3", "--hidden", "64", "--steps", "5", "--encoder", "direct", "--out", run, "--seed", "4"]);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("test accuracy", r.Output);

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        var root = metrics.RootElement;
        Assert.Equal("digits", root.GetProperty("dataset").GetString());
        Assert.Equal("microcircuit", root.GetProperty("rule").GetString());
        Assert.Equal(3, root.GetProperty("epochs").GetInt32());
        Assert.Equal(4UL, root.GetProperty("seed").GetUInt64());
        Assert.InRange(root.GetProperty("test_accuracy").GetDouble(), 0.3, 1.0);
        Assert.InRange(root.GetProperty("train_accuracy").GetDouble(), 0.3, 1.0);
        Assert.True(root.GetProperty("samples_per_second").GetDouble() > 0);

        var history = File.ReadAllLines(Path.Combine(run, "history.csv"));
        Assert.Equal(4, history.Length);
        Assert.StartsWith("epoch,train_loss,train_accuracy,test_loss,test_accuracy", history[0]);
        Assert.True(File.Exists(Path.Combine(run, "config.json")));
    }

    [Fact]
    public void A_ramped_simulation_length_names_each_epoch_s_T_and_is_kept_in_the_config()
    {
        using var folder = new ScratchFolder();
        string run = Path.Combine(folder.Path, "run");
        var r = ToolProcess.Run(["train", "--epochs", "3", "--hidden", "32", "--steps", "5", "--steps-start", "3", "--train-limit", "200", "--test-limit", "50", "--out", run]);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("T = 3 → 5", r.Output);
        Assert.Contains("epoch   1  T 3  loss", r.Output);
        Assert.Contains("epoch   2  T 4  loss", r.Output);
        Assert.Contains("epoch   3  T 5  loss", r.Output);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json")));
        Assert.Equal(3, config.RootElement.GetProperty("steps_start").GetInt32());
        Assert.Equal(5, config.RootElement.GetProperty("steps").GetInt32());
    }
}
