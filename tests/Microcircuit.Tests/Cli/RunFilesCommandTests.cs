using System.Text.Json;
using Microcircuit.Checkpoints;
using Microcircuit.Configuration;
using Microcircuit.Tests.Data;

namespace Microcircuit.Tests.Cli;

/// <summary>Presets, config files, checkpoints and resume through the tool itself.</summary>
public sealed class RunFilesCommandTests
{
    private static readonly string[] Small = ["--hidden", "32", "--steps", "4", "--train-limit", "400", "--test-limit", "100", "--seed", "3", "--quiet"];

    private static byte[] Weights(string run) =>
        CheckpointFile.Read(run).Layers.SelectMany(l => l.Weights.SelectMany(BitConverter.GetBytes)).ToArray();

    private static string Metrics(string run)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        var r = doc.RootElement;
        return $"{r.GetProperty("test_accuracy").GetDouble():R} {r.GetProperty("test_loss").GetDouble():R} {r.GetProperty("train_loss").GetDouble():R} {r.GetProperty("epochs").GetInt32()}";
    }

    private static void Succeeds((int ExitCode, string Output, string Error) r) => Assert.True(r.ExitCode == 0, r.Error + r.Output);

    [Fact]
    public void A_preset_is_overridden_by_options_given_on_the_command_line()
    {
        using var folder = new ScratchFolder();
        string run = folder["run"];
        Succeeds(ToolProcess.Run(["train", "--preset", "digits-quick", "--epochs", "1", "--batch", "50", "--out", run, "--quiet"]));
        var config = ConfigFile.Load(Path.Combine(run, "config.json"));
        Assert.Equal(1, config.Epochs);        // command line
        Assert.Equal(50, config.Batch);        // command line
        Assert.Equal([64], config.Hidden);     // preset
        Assert.Equal(2e-3f, config.LearningRate);
    }

    [Fact]
    public void A_runs_config_json_reproduces_the_run_exactly()
    {
        using var folder = new ScratchFolder();
        string first = folder["first"], second = folder["second"];
        Succeeds(ToolProcess.Run(["train", "--epochs", "2", "--encoder", "rate", "--augment-shift", "1", .. Small, "--out", first]));
        Succeeds(ToolProcess.Run(["train", "--config", Path.Combine(first, "config.json"), "--out", second, "--quiet"]));
        Assert.Equal(Weights(first), Weights(second));
        Assert.Equal(Metrics(first), Metrics(second));
    }

    [Fact]
    public void Resuming_a_run_stopped_after_one_epoch_matches_the_uninterrupted_run()
    {
        using var folder = new ScratchFolder();
        string whole = folder["whole"], parts = folder["parts"];
        Succeeds(ToolProcess.Run(["train", "--epochs", "3", .. Small, "--out", whole]));
        Succeeds(ToolProcess.Run(["train", "--epochs", "1", .. Small, "--out", parts]));
        Assert.Equal(1, CheckpointFile.Read(parts).Epoch);
        var r = ToolProcess.Run(["train", "--resume", parts, "--epochs", "3", "--quiet"]);
        Succeeds(r);
        Assert.Equal(3, CheckpointFile.Read(parts).Epoch);
        Assert.Equal(Weights(whole), Weights(parts));
        Assert.Equal(Metrics(whole), Metrics(parts));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(parts, "history.csv")).Length);
        Assert.True(File.Exists(Path.Combine(parts, "learning-curves.png")));
    }

    [Fact]
    public void Resuming_with_another_hidden_size_is_a_checkpoint_error()
    {
        using var folder = new ScratchFolder();
        string run = folder["run"];
        Succeeds(ToolProcess.Run(["train", "--epochs", "1", .. Small, "--out", run]));
        var r = ToolProcess.Run(["train", "--resume", run, "--hidden", "16", "--epochs", "2"]);
        Assert.Equal(5, r.ExitCode);
        Assert.Contains("64-32-10", r.Error);
    }

    [Fact]
    public void An_unknown_key_in_a_config_file_is_exit_code_2()
    {
        using var folder = new ScratchFolder();
        File.WriteAllText(folder["c.json"], """{ "epoch": 3 }""");
        var r = ToolProcess.Run(["train", "--config", folder["c.json"]]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'epoch'", r.Error);
        Assert.Contains("c.json", r.Error);
    }
}
