using Microcircuit.Checkpoints;
using Microcircuit.Configuration;
using Microcircuit.Tests.Data;

namespace Microcircuit.Tests.Cli;

/// <summary>Convolutional networks through the tool: --net, presets that name a net, checkpoints and resume.</summary>
public sealed class ConvolutionalCommandTests
{
    private static readonly string[] Small = ["--net", "6C3p1-P2-12-10", "--pool-threshold", "0.25", "--steps", "4", "--batch", "40",
        "--train-limit", "240", "--test-limit", "80", "--seed", "5", "--quiet"];

    private static void Succeeds((int ExitCode, string Output, string Error) r) => Assert.True(r.ExitCode == 0, r.Error + r.Output);

    private static byte[] Weights(string run) =>
        CheckpointFile.Read(run).Layers.SelectMany(l => l.Weights.SelectMany(BitConverter.GetBytes)).ToArray();

    [Fact]
    public void A_convolutional_run_resumed_after_one_epoch_matches_the_uninterrupted_run()
    {
        // With --init-rate the initial weights are calibrated on data: only at the start, never again on resume.
        using var folder = new ScratchFolder();
        string whole = folder["whole"], parts = folder["parts"];
        Succeeds(ToolProcess.Run(["train", "--epochs", "2", "--init-rate", "0.2", .. Small, "--out", whole]));
        Succeeds(ToolProcess.Run(["train", "--epochs", "1", "--init-rate", "0.2", .. Small, "--out", parts]));
        Succeeds(ToolProcess.Run(["train", "--resume", parts, "--epochs", "2", "--quiet"]));
        var checkpoint = CheckpointFile.Read(parts);
        Assert.Equal(2, checkpoint.Epoch);
        Assert.Equal("6C3p1-P2-12-10", checkpoint.Options.Net);
        // 1×8×8 digits: 6 maps of 8×8, pooled to 6×4×4, a dense 12, 10 outputs; the pool holds no weights.
        Assert.Equal([64, 384, 96, 12, 10], checkpoint.LayerSizes);
        Assert.Equal([6 * 9, 0, 96 * 12, 12 * 10], checkpoint.Layers.Select(l => l.Weights.Length));
        Assert.Equal(Weights(whole), Weights(parts));
        var config = ConfigFile.Load(Path.Combine(whole, "config.json"));
        Assert.Equal("6C3p1-P2-12-10", config.Net);
        Assert.Null(config.Hidden);
    }

    [Fact]
    public void Net_given_on_the_command_line_replaces_a_presets_hidden_layers_and_hidden_replaces_a_net()
    {
        using var folder = new ScratchFolder();
        string first = folder["first"], second = folder["second"];
        Succeeds(ToolProcess.Run(["train", "--preset", "digits-quick", "--epochs", "1", .. Small, "--out", first]));
        var config = ConfigFile.Load(Path.Combine(first, "config.json"));
        Assert.Equal("6C3p1-P2-12-10", config.Net);
        Assert.Null(config.Hidden);

        Succeeds(ToolProcess.Run(["train", "--config", Path.Combine(first, "config.json"), "--hidden", "16", "--epochs", "1", "--out", second, "--quiet"]));
        config = ConfigFile.Load(Path.Combine(second, "config.json"));
        Assert.Null(config.Net);
        Assert.Equal([16], config.Hidden);
    }

    [Theory]
    [InlineData("6C3-P2-7", "dataset has 10 classes")]
    [InlineData("6C9-10", "leaves no pixels")]
    [InlineData("12-6C3-10", "follows a dense layer")]
    public void A_bad_net_ends_as_one_line_with_exit_code_2(string net, string mentions)
    {
        var r = ToolProcess.Run(["train", "--net", net, "--epochs", "1", "--train-limit", "50", "--quiet"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(mentions, r.Error);
        Assert.Contains("--net", r.Error);
        Assert.Single(r.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Net_and_hidden_together_on_the_command_line_are_refused()
    {
        var r = ToolProcess.Run(["train", "--net", "6C3-P2-10", "--hidden", "20", "--epochs", "1", "--quiet"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("give only one of them", r.Error);
    }
}
