using System.Diagnostics;
using Microcircuit.Checkpoints;
using Microcircuit.Tests.Data;
using Microcircuit.Tests.Reliability;

namespace Microcircuit.Tests.Cli;

/// <summary>
/// A comparison survives interruption and spreads over machines: --resume continues each run from its own checkpoint
/// and leaves finished runs untouched; --shard K/N runs one share of the (rule, seed) grid; --collect merges the
/// shares into the same table, CSV and JSON as one comparison run whole.
/// </summary>
public sealed class CompareResumeTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();
    private static readonly string[] Grid = ["--rules", "fa,microcircuit-spiking", "--seeds", "2", "--hidden", "16", "--steps", "3", "--train-limit", "300", "--test-limit", "60", "--alignment", "3"];

    public void Dispose() => _scratch.Dispose();

    /// <summary>comparison.csv without its timing column.</summary>
    private static string[] Figures(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "comparison.csv")).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 6))).ToArray();

    private static byte[] Weights(string folder, string run) => RunFiles.WeightBytes(CheckpointFile.Read(Path.Combine(folder, "runs", run)));

    [Fact]
    public void An_interrupted_comparison_resumes_each_run_from_its_checkpoint_and_keeps_finished_runs()
    {
        string folder = _scratch["cmp"], whole = _scratch["whole"];
        string[] command = ["compare", .. Grid, "--epochs", "60", "--out", folder];
        using (var first = ToolProcess.Start(command))
        {
            string second = Path.Combine(folder, "runs", "fa-seed2");
            var waited = Stopwatch.StartNew();
            while (!(File.Exists(Path.Combine(second, "checkpoint.mcp")) && !File.Exists(Path.Combine(second, "metrics.json")))
                   && !first.HasExited && waited.Elapsed < TimeSpan.FromMinutes(2))
                Thread.Sleep(5);
            first.Kill(entireProcessTree: true);
            first.WaitForExit();
        }
        Assert.True(File.Exists(Path.Combine(folder, "runs", "fa-seed1", "metrics.json")), "the first run had not finished when the comparison was killed");
        Assert.False(File.Exists(Path.Combine(folder, "comparison.json")), "the comparison finished before it was killed; nothing was interrupted");
        var finished = InProcess.Snapshot(Path.Combine(folder, "runs", "fa-seed1"));

        var resumed = InProcess.Run("compare", "--resume", folder);

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("fa-seed1: finished earlier, kept", resumed.Output);
        Assert.True(finished.SequenceEqual(InProcess.Snapshot(Path.Combine(folder, "runs", "fa-seed1"))), "a finished run was touched");
        Assert.Equal(0, InProcess.Run(["compare", .. Grid, "--epochs", "60", "--out", whole]).ExitCode);
        foreach (string run in new[] { "fa-seed1", "fa-seed2", "microcircuit-spiking-seed1", "microcircuit-spiking-seed2" })
            Assert.Equal(Weights(whole, run), Weights(folder, run));
        Assert.Equal(Figures(whole), Figures(folder));
    }

    [Fact]
    public void Shares_in_one_folder_or_several_give_the_comparison_run_whole()
    {
        string whole = _scratch["whole"], shared = _scratch["shared"];
        string[] command = ["compare", .. Grid, "--epochs", "2"];
        Assert.Equal(0, InProcess.Run([.. command, "--out", whole]).ExitCode);

        for (int k = 1; k <= 3; k++)
        {
            var share = InProcess.Run([.. command, "--out", shared, "--shard", $"{k}/3"]);
            Assert.True(share.ExitCode == 0, share.Error);
        }
        Assert.Equal(Figures(whole), Figures(shared));   // the last share to finish writes the comparison

        var apart = Enumerable.Range(1, 3).Select(k => _scratch[$"share{k}"]).ToArray();
        for (int k = 1; k <= 3; k++) Assert.Equal(0, InProcess.Run([.. command, "--out", apart[k - 1], "--shard", $"{k}/3"]).ExitCode);
        string merged = _scratch["merged"];
        var collected = InProcess.Run(["compare", "--collect", .. apart, "--out", merged]);
        Assert.True(collected.ExitCode == 0, collected.Error);
        Assert.Equal(Figures(whole), Figures(merged));
        Assert.True(File.Exists(Path.Combine(merged, "comparison.png")));
    }

    [Fact]
    public void Collecting_shares_that_have_not_all_finished_names_the_missing_runs()
    {
        string one = _scratch["one"];
        Assert.Equal(0, InProcess.Run(["compare", .. Grid, "--epochs", "1", "--out", one, "--shard", "1/2"]).ExitCode);
        var r = InProcess.Run("compare", "--collect", one);
        InProcess.AssertRefused(r, 2, "2 of the comparison's 4 runs have not finished", "fa-seed2");
    }

    [Theory]
    [InlineData("0/2")]
    [InlineData("3/2")]
    [InlineData("a/b")]
    [InlineData("2")]
    public void A_shard_that_is_not_k_of_n_is_refused(string shard)
    {
        var r = InProcess.Run(["compare", .. Grid, "--epochs", "1", "--out", _scratch["x"], "--shard", shard]);
        InProcess.AssertRefused(r, 2, "--shard", "K/N");
    }

    [Fact]
    public void Resume_refuses_a_folder_without_a_plan_and_options_that_would_change_it()
    {
        InProcess.AssertRefused(InProcess.Run("compare", "--resume", _scratch.Folder("empty")), 2, "comparison-plan.json");
        string folder = _scratch["cmp"];
        Assert.Equal(0, InProcess.Run(["compare", .. Grid, "--epochs", "1", "--out", folder]).ExitCode);
        InProcess.AssertRefused(InProcess.Run("compare", "--resume", folder, "--epochs", "5"), 2, "--epochs");
    }
}
