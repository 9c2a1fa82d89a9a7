using System.Diagnostics;
using Microcircuit.Checkpoints;
using Microcircuit.Tests.Cli;
using Microcircuit.Tests.Data;

namespace Microcircuit.Tests.Reliability;

/// <summary>
/// A run folder belongs to the run that uses it: nothing in it changes until every check of a command has passed, an
/// existing run is replaced only when the user says --overwrite, and two runs never write into one folder (a lock the
/// kernel releases when a run dies, so a crashed run leaves nothing stuck).
/// </summary>
public sealed class RunFolderTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private string TrainedRun(string name, params string[] extra)
    {
        string run = _scratch[name];
        string[] network = extra.Contains("--hidden") ? [] : ["--hidden", "8"];
        var r = InProcess.Run(["train", "--out", run, .. InProcess.TinyAnyNetwork, .. network, .. extra]);
        Assert.True(r.ExitCode == 0, r.Error);
        return run;
    }

    [Theory]
    [InlineData(5, "--hidden", "64")]
    [InlineData(5, "--dale")]
    [InlineData(5, "--seed", "7")]
    [InlineData(5, "--init-gain", "2")]
    [InlineData(5, "--optimizer", "sgd")]
    [InlineData(5, "--bias")]
    [InlineData(2, "--lr", "-1")]
    [InlineData(2, "--epochs", "0")]
    public void A_refused_resume_leaves_every_file_of_the_run_as_it_was(int exitCode, params string[] change)
    {
        string run = TrainedRun("run", "--hidden", "16");
        var before = InProcess.Snapshot(run);

        var r = InProcess.Run(["train", "--resume", run, "--epochs", "2", "--quiet", .. change]);

        InProcess.AssertRefused(r, exitCode, change[0]);
        Assert.True(before.SequenceEqual(InProcess.Snapshot(run)), $"before: {InProcess.Describe(before)}\nafter: {InProcess.Describe(InProcess.Snapshot(run))}");
    }

    [Fact]
    public void An_option_a_checkpoint_has_settled_is_refused_naming_it_not_recorded_and_ignored()
    {
        string run = TrainedRun("run");
        var r = InProcess.Run(["train", "--resume", run, "--epochs", "2", "--dale", "--quiet"]);
        InProcess.AssertRefused(r, 5, "--dale", "drop --dale");
        Assert.DoesNotContain("\"dale\": true", File.ReadAllText(Path.Combine(run, "config.json")));
    }

    [Fact]
    public void A_new_run_on_a_folder_holding_a_run_is_refused_and_the_old_run_kept()
    {
        string run = TrainedRun("run");
        var before = InProcess.Snapshot(run);

        var r = InProcess.Run(["train", "--out", run, "--seed", "2", .. InProcess.Tiny]);

        InProcess.AssertRefused(r, 2, run, "--resume", "--overwrite");
        Assert.True(before.SequenceEqual(InProcess.Snapshot(run)));
    }

    [Fact]
    public void Overwrite_replaces_the_old_run_whole_leaving_none_of_its_files()
    {
        string run = TrainedRun("run", "--alignment", "1");
        Assert.True(File.Exists(Path.Combine(run, "alignment.csv")));
        File.WriteAllText(Path.Combine(run, "notes.txt"), "mine");

        var r = InProcess.Run(["train", "--out", run, "--overwrite", "--seed", "2", .. InProcess.Tiny]);

        Assert.True(r.ExitCode == 0, r.Error);
        Assert.False(File.Exists(Path.Combine(run, "alignment.csv")), "the old run's alignment.csv survived beside the new run");
        Assert.Contains("\"seed\": 2", File.ReadAllText(Path.Combine(run, "config.json")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(run, "notes.txt")));   // not the run's file: never touched
    }

    [Fact]
    public void Resuming_continues_the_run_in_its_own_folder()
    {
        string run = TrainedRun("run");
        var r = InProcess.Run(["train", "--resume", run, "--epochs", "2", "--quiet"]);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(run, "history.csv")).Length);
    }

    [Fact]
    public void A_second_run_on_a_folder_in_use_is_refused_and_a_killed_run_leaves_no_stuck_lock()
    {
        string run = _scratch["shared"];
        using var first = ToolProcess.Start(["train", "--out", run, "--epochs", "2000", "--quiet"]);
        try
        {
            var waited = Stopwatch.StartNew();
            while (!File.Exists(Path.Combine(run, "checkpoint.mcp")) && waited.Elapsed < TimeSpan.FromMinutes(2) && !first.HasExited) Thread.Sleep(50);
            Assert.True(File.Exists(Path.Combine(run, "checkpoint.mcp")), "the first run wrote no checkpoint");

            var second = InProcess.Run(["train", "--out", run, "--overwrite", .. InProcess.Tiny]);
            InProcess.AssertRefused(second, 7, run, "in use");
            var resumed = InProcess.Run(["train", "--resume", run, "--epochs", "2000", "--quiet"]);
            InProcess.AssertRefused(resumed, 7, "in use");
        }
        finally
        {
            first.Kill(entireProcessTree: true);   // SIGKILL: no chance to clean up
            first.WaitForExit();
        }
        // The killed run may have finished several epochs meanwhile (a loaded machine runs the checks above slowly): one more.
        string more = (CheckpointFile.Read(run).History.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var after = InProcess.Run(["train", "--resume", run, "--epochs", more, "--test-limit", "20", "--quiet"]);
        Assert.True(after.ExitCode == 0, after.Error);
    }

    [Fact]
    public void A_comparison_folder_is_not_overwritten_without_overwrite()
    {
        string folder = _scratch["cmp"];
        string[] compare = ["compare", "--rules", "microcircuit", "--seeds", "1", "--epochs", "1", "--hidden", "8", "--steps", "2", "--train-limit", "40", "--test-limit", "20", "--alignment", "0", "--json", "--out", folder];
        Assert.Equal(0, InProcess.Run(compare).ExitCode);
        var before = InProcess.Snapshot(folder);
        InProcess.AssertRefused(InProcess.Run(compare), 2, "--overwrite");
        Assert.True(before.SequenceEqual(InProcess.Snapshot(folder)));
        Assert.Equal(0, InProcess.Run([.. compare, "--overwrite"]).ExitCode);
    }

    /// <summary>
    /// Runs started together without --out each get a folder of their own (runs/&lt;time&gt;-…, -2, -3, …): none is refused
    /// because another took the same name first, even when they pick their names in the same second.
    /// </summary>
    [Fact]
    public void Runs_started_together_without_out_each_get_a_folder_of_their_own()
    {
        string runs = Path.GetFullPath("runs");
        var before = Directory.Exists(runs) ? Directory.GetDirectories(runs).ToHashSet() : [];
        var results = Enumerable.Range(0, 6).AsParallel().WithDegreeOfParallelism(6)
            .Select(_ => InProcess.Run(["train", .. InProcess.Tiny])).ToArray();
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));
        var made = Directory.GetDirectories(runs).Where(d => !before.Contains(d) && d.Contains("-digits-microcircuit", StringComparison.Ordinal)).ToArray();
        Assert.True(made.Length >= 6, $"{made.Length} new run folders for 6 runs");
    }
}
