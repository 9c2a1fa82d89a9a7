using System.Text.Json;
using Microcircuit.Tests.Data;

namespace Microcircuit.Tests.Cli;

/// <summary>eval, inspect, datasets and presets through the tool.</summary>
public sealed class CheckpointCommandTests
{
    [Fact]
    public void Eval_and_inspect_read_a_trained_checkpoint_and_inspect_writes_its_pictures()
    {
        using var folder = new ScratchFolder();
        string run = folder["run"];
        var trained = ToolProcess.Run(["train", "--epochs", "2", "--hidden", "32", "--steps", "4", "--seed", "2", "--out", run, "--json"]);
        Assert.True(trained.ExitCode == 0, trained.Error);
        double trainedAccuracy = JsonDocument.Parse(trained.Output).RootElement.GetProperty("test_accuracy").GetDouble();
        Assert.True(File.Exists(Path.Combine(run, "learning-curves.png")));

        var eval = ToolProcess.Run(["eval", "--checkpoint", run, "--json"]);
        Assert.True(eval.ExitCode == 0, eval.Error);
        var result = JsonDocument.Parse(eval.Output).RootElement;
        Assert.Equal(trainedAccuracy, result.GetProperty("test_accuracy").GetDouble());
        Assert.Equal(2, result.GetProperty("epoch").GetInt32());
        Assert.Equal(4, result.GetProperty("steps").GetInt32());
        Assert.False(result.GetProperty("flip_average").GetBoolean());

        var longer = ToolProcess.Run(["eval", "--checkpoint", run, "-T", "7", "--flip-average", "--json"]);
        Assert.True(longer.ExitCode == 0, longer.Error);
        var other = JsonDocument.Parse(longer.Output).RootElement;
        Assert.Equal(7, other.GetProperty("steps").GetInt32());
        Assert.True(other.GetProperty("flip_average").GetBoolean());
        Assert.Equal(445, other.GetProperty("test_samples").GetInt32());
        Assert.NotEqual(result.GetProperty("test_loss").GetDouble(), other.GetProperty("test_loss").GetDouble());

        string pictures = folder["pictures"];
        var inspect = ToolProcess.Run(["inspect", "--checkpoint", Path.Combine(run, "checkpoint.mcp"), "--sample", "4", "--out", pictures]);
        Assert.True(inspect.ExitCode == 0, inspect.Error);
        foreach (string png in new[] { "raster.png", "traces.png", "rates.png", "confusion.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(pictures, png));
            Assert.True(bytes.Length > 10_000, $"{png} is only {bytes.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(pictures, "inspect.json"))).RootElement;
        Assert.Equal(trainedAccuracy, json.GetProperty("test_accuracy").GetDouble());
        Assert.Equal(445, json.GetProperty("confusion").EnumerateArray().Sum(row => row.EnumerateArray().Sum(v => v.GetInt32())));
        var sample = json.GetProperty("sample");
        Assert.Equal(4, sample.GetProperty("sample").GetInt32());
        Assert.Equal(4, sample.GetProperty("spikes")[0].GetArrayLength());          // T steps of layer 1
        Assert.Equal(32, sample.GetProperty("spikes")[0][0].GetArrayLength());       // its cells
        Assert.Equal(2, sample.GetProperty("error_positive").GetArrayLength());      // E+ of both layers
    }

    [Fact]
    public void A_sample_outside_the_test_set_and_a_missing_checkpoint_are_one_line_errors()
    {
        using var folder = new ScratchFolder();
        var missing = ToolProcess.Run(["eval", "--checkpoint", folder.Path]);
        Assert.Equal(5, missing.ExitCode);
        Assert.Contains("checkpoint.mcp", missing.Error);

        string run = folder["run"];
        Assert.Equal(0, ToolProcess.Run(["train", "--epochs", "1", "--hidden", "16", "--out", run, "--quiet"]).ExitCode);
        var outside = ToolProcess.Run(["inspect", "--checkpoint", run, "--sample", "100000"]);
        Assert.Equal(2, outside.ExitCode);
        Assert.Contains("--sample", outside.Error);
        var noSteps = ToolProcess.Run(["eval", "--checkpoint", run, "-T", "0"]);
        Assert.Equal(2, noSteps.ExitCode);
        Assert.Contains("--steps", noSteps.Error);
    }

    [Fact]
    public void Datasets_and_presets_list_what_they_know()
    {
        var datasets = ToolProcess.Run(["datasets", "--no-verify"]);
        Assert.True(datasets.ExitCode == 0, datasets.Error);
        foreach (string name in new[] { "digits", "mnist", "fashion-mnist", "cifar10", "embedded" }) Assert.Contains(name, datasets.Output);

        var presets = ToolProcess.Run(["presets"]);
        Assert.True(presets.ExitCode == 0, presets.Error);
        foreach (string name in new[] { "mnist-800", "fashion-mnist-400x2", "mnist-quick", "fashion-quick", "digits-quick", "400-400" })
            Assert.Contains(name, presets.Output);
        Assert.Contains("batch-manhattan", presets.Output);   // spelt as the presets and --optimizer spell it
        Assert.DoesNotContain("batchmanhattan", presets.Output);
    }
}
