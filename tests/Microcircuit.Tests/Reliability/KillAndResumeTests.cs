using System.Text.Json;
using Microcircuit.Checkpoints;
using Microcircuit.Errors;
using Microcircuit.Tests.Cli;
using Microcircuit.Tests.Data;

namespace Microcircuit.Tests.Reliability;

/// <summary>
/// SIGKILL in the middle of a run loses nothing: `train --resume` continues from the last checkpoint and ends with
/// the same weights, bit for bit, and the same test accuracy as a run that was never stopped.
/// </summary>
public sealed class KillAndResumeTests
{
    private const int Epochs = 20;

    private static readonly string[] Training = ["train", "--epochs", "20", "--seed", "3", "--quiet", "--checkpoint-every", "1"];

    [Fact]
    public void A_run_killed_after_a_checkpoint_and_resumed_ends_with_the_bytes_of_an_uninterrupted_run()
    {
        var token = TestContext.Current.CancellationToken;
        using var folder = new ScratchFolder();
        string killed = folder["killed"], whole = folder["whole"];

        int killedAt;
        using (var process = ToolProcess.Start([.. Training, "--out", killed]))
        {
            killedAt = WaitForCheckpoint(killed, process, token);
            process.Kill();   // SIGKILL on Linux: no handler, no flush, no clean-up
            process.WaitForExit();
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"killed with SIGKILL after the epoch {killedAt} checkpoint");
        Assert.True(killedAt < Epochs, $"the run finished ({killedAt} epochs) before it could be killed; raise the epoch count");

        var resumed = ToolProcess.Run(["train", "--resume", killed, "--quiet"]);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        var uninterrupted = ToolProcess.Run([.. Training, "--out", whole]);
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.Error);

        var afterResume = CheckpointFile.Read(killed);
        var reference = CheckpointFile.Read(whole);
        Assert.Equal(Epochs, afterResume.Epoch);
        Assert.Equal(RunFiles.WeightBytes(reference), RunFiles.WeightBytes(afterResume));
        Assert.Equal(reference.History.Select(RunFiles.Figures), afterResume.History.Select(RunFiles.Figures));
        Assert.Equal(TestAccuracy(whole), TestAccuracy(killed));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"resumed to epoch {afterResume.Epoch}: {RunFiles.WeightBytes(afterResume).Length} weight bytes identical, test accuracy {TestAccuracy(killed)} both");
    }

    /// <summary>Polls until the run's checkpoint exists and holds at least one epoch; returns that epoch.</summary>
    private static int WaitForCheckpoint(string run, System.Diagnostics.Process process, CancellationToken token)
    {
        string path = Path.Combine(run, CheckpointFile.FileName);
        while (true)
        {
            token.ThrowIfCancellationRequested();
            if (File.Exists(path))
            {
                try
                {
                    return CheckpointFile.Read(path).Epoch;
                }
                catch (MicrocircuitException)
                {
                    // Renamed into place atomically, so this is not expected; poll again rather than fail on a race.
                }
            }
            if (process.HasExited) Assert.Fail($"the run exited ({process.ExitCode}) before writing a checkpoint");
            Thread.Sleep(10);
        }
    }

    private static double TestAccuracy(string run) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json"))).RootElement.GetProperty("test_accuracy").GetDouble();
}
