using System.Text.RegularExpressions;
using Microcircuit.Checkpoints;
using Microcircuit.Data;
using Microcircuit.Errors;
using Microcircuit.Tests.Cli;
using Microcircuit.Tests.Data;
using Microcircuit.Training;

namespace Microcircuit.Tests.Reliability;

/// <summary>A run that diverges after its first checkpoint: exit code 6, one line, and the run directory still usable.</summary>
public sealed partial class DivergenceTests
{
    /// <summary>
    /// Adam's steps move every weight by about the learning rate; at 5e35 with the clamp off, the weights' sum leaves
    /// float's range after a few steps (the trainer's divergence check). One batch per epoch, so with seed 1 that is epoch 3.
    /// </summary>
    private static readonly string[] Diverging =
        ["train", "--optimizer", "adam", "--lr", "5e35", "--clamp", "0", "--epochs", "4", "--train-limit", "100", "--test-limit", "100", "--seed", "1", "--quiet"];

    [GeneratedRegex(@"diverged in epoch (\d+)")]
    private static partial Regex DivergedIn();

    [Fact]
    public void A_diverging_run_exits_6_and_leaves_the_last_good_checkpoint_and_history_intact()
    {
        using var folder = new ScratchFolder();
        string run = folder["run"];

        var diverged = ToolProcess.Run([.. Diverging, "--out", run, "--checkpoint-every", "1"]);

        Assert.True(diverged.ExitCode == (int)ErrorKind.Divergence, $"exit {diverged.ExitCode}: {diverged.Error}");
        string message = diverged.Error.TrimEnd();
        Assert.Single(message.Split('\n'));
        Assert.Contains("--lr", message);
        int epoch = int.Parse(DivergedIn().Match(message).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(epoch >= 2, $"the run diverged in epoch {epoch}, before any checkpoint; the options no longer show the case");

        // The checkpoint is the one written after the last good epoch, bit for bit what a run stopped there holds.
        var checkpoint = CheckpointFile.Read(run);
        Assert.Equal(epoch - 1, checkpoint.Epoch);
        var stopped = new Experiment(checkpoint.Options with { Epochs = epoch - 1 }, DatasetCatalogue.Load("digits"));
        var stoppedResult = new Trainer(stopped).Run(TestContext.Current.CancellationToken);
        Assert.Equal(RunFiles.WeightBytes(stopped), RunFiles.WeightBytes(checkpoint));
        Assert.Equal(stoppedResult.History.Select(RunFiles.Figures), checkpoint.History.Select(RunFiles.Figures));

        // history.csv: the header and one complete row per good epoch; no metrics.json, no temporary files left.
        string[] rows = File.ReadAllLines(Path.Combine(run, "history.csv"));
        Assert.Equal(epoch, rows.Length);
        Assert.All(rows, row => Assert.Equal(rows[0].Split(',').Length, row.Split(',').Length));
        Assert.False(File.Exists(Path.Combine(run, "metrics.json")));
        Assert.Empty(Directory.GetFiles(run, "*.tmp"));

        var eval = ToolProcess.Run(["eval", "--checkpoint", run, "--json"]);
        Assert.True(eval.ExitCode == 0, eval.Error);
        Assert.Contains($"\"epoch\": {epoch - 1}", eval.Output);
    }
}
