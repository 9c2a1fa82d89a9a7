using Microcircuit.Analysis;
using Microcircuit.Compute;
using Microcircuit.Configuration;
using Microcircuit.Data;
using Microcircuit.Layers;
using Microcircuit.Learning;
using Spectre.Console;

namespace Microcircuit.Cli;

/// <summary>
/// `microcircuit compare`: trains several credit-assignment rules on the same data, network, seeds and budget and
/// prints mean ± std test accuracy, samples/s and the final per-layer angle to BPTT.
/// </summary>
public static class CompareCommand
{
    public static Command Create(TextWriter output)
    {
        var rules = new Option<string>("--rules") { Description = "Comma-separated rules: " + string.Join(",", ComparisonEntries.Names) + " (microcircuit-spiking/-graded: the microcircuit with those error cells)", DefaultValueFactory = _ => string.Join(",", CreditAssignmentRules.BuiltIn) };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per rule (1..N)", DefaultValueFactory = _ => 3 };
        var set = new TrainingOptionSet();
        var alignment = new Option<int>("--alignment") { Description = "Measure angles to BPTT every N batches", DefaultValueFactory = _ => 10 };
        var outDir = new Option<string?>("--out") { Description = "Folder of the comparison: its plan, one run folder per rule and seed (runs/RULE-seedK, checkpointed every epoch), comparison.csv, comparison.json and comparison.png" };
        var json = new Option<bool>("--json") { Description = "Print comparison.json instead of the table" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the comparison that --out already holds" };
        var resume = new Option<string?>("--resume") { Description = "Continue the comparison in DIR as planned: finished runs are kept, interrupted ones continue from their checkpoints, missing ones start" };
        var shard = new Option<string?>("--shard") { Description = "Run only share K of N of the (rule, seed) grid, e.g. 2/8 (one job of an array; see docs/cluster.md); needs --out or --resume" };
        var collect = new Option<string[]>("--collect") { Description = "Merge the finished runs of the comparison folders given (the shares of one comparison) into one table, CSV, JSON and figure (written to --out)", AllowMultipleArgumentsPerToken = true };

        var command = new Command("compare", "Train several rules on the same data, network, seeds and budget, side by side.\n\nExamples:\n" +
            "  microcircuit compare --seeds 3 --epochs 20\n" +
            "  microcircuit compare --dataset mnist --data-dir ../shared/datasets --rules microcircuit,frsf,fa,bptt --epochs 5 --out runs/cmp\n" +
            "  microcircuit compare --resume runs/cmp                      # after an interruption\n" +
            "  microcircuit compare --resume runs/cmp --shard 3/8          # one share of the grid\n" +
            "  microcircuit compare --collect runs/cmp-a runs/cmp-b --out runs/cmp-all");
        foreach (var option in set.All.Concat([rules, seeds, alignment, outDir, json, overwrite, resume, shard, collect])) command.Options.Add(option);
        command.SetAction(parse =>
        {
            bool asJson = parse.GetValue(json);
            string? dir = parse.GetValue(outDir);
            if (parse.GetValue(collect) is { Length: > 0 } folders)
                return Collect(folders, dir, asJson, parse.GetValue(overwrite), output);
            var (k, n) = Shard(parse.GetValue(shard));
            ComparisonPlan plan;
            if (parse.GetValue(resume) is { } resumed)
            {
                // Where the runs compute is not part of the plan: a share may continue on another machine's back end.
                var given = set.All.Concat([rules, seeds, alignment]).Where(o => o != set.Device && parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
                if (given.Count > 0)
                    throw new MicrocircuitException(ErrorKind.InvalidOption, $"--resume continues the comparison as planned in {resumed}; drop {string.Join(", ", given)} (or start another comparison).");
                if (dir is not null && Path.GetFullPath(dir) != Path.GetFullPath(resumed))
                    throw new MicrocircuitException(ErrorKind.InvalidOption, "--resume writes into the folder it continues; drop --out.");
                plan = ComparisonPlan.Read(resumed);
                if (parse.GetResult(set.Device) is { Implicit: false })
                {
                    plan = plan with { Options = plan.Options with { Device = parse.GetValue(set.Device)! } };
                    ComputeBackends.Create(plan.Options.Device, 1);
                }
                return ExecutePlan(plan, resumed, k, n, sharded: true, resuming: true, overwrite: false, asJson, output);
            }
            var ruleList = parse.GetValue(rules)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(r => r.ToLowerInvariant()).Distinct().ToList();
            if (ruleList.Count == 0)
                throw new MicrocircuitException(ErrorKind.InvalidOption, $"--rules names no rule; give one or more of {string.Join(", ", ComparisonEntries.Names)}, e.g. --rules microcircuit,fa,bptt.");
            foreach (var r in ruleList)
                if (!ComparisonEntries.Names.Contains(r))
                    throw new MicrocircuitException(ErrorKind.InvalidOption, $"--rules names '{r}', which is not one of: {string.Join(", ", ComparisonEntries.Names)}.");
            int seedCount = parse.GetValue(seeds);
            if (seedCount is < 1 or > 100) throw new MicrocircuitException(ErrorKind.InvalidOption, $"--seeds must be between 1 and 100 (got {seedCount}).");
            var options = (set.Read(parse) with { AlignmentEvery = parse.GetValue(alignment) }).Resolve();
            options.Validate();
            ComputeBackends.Create(options.Device, 1);   // a back end that cannot open is refused before the plan is written
            plan = new ComparisonPlan(options, ruleList, [.. Enumerable.Range(1, seedCount).Select(s => (ulong)s)]);
            if (dir is null)
            {
                if (n > 1) throw new MicrocircuitException(ErrorKind.InvalidOption, "--shard needs --out: the shares meet in that folder (or one each, merged by --collect).");
                return Execute(options, ruleList, [.. plan.Seeds], asJson, output);
            }
            return ExecutePlan(plan, dir, k, n, sharded: parse.GetValue(shard) is not null, resuming: false, parse.GetValue(overwrite), asJson, output);
        });
        return command;
    }

    /// <summary>The files a comparison writes into its folder (besides its runs).</summary>
    public static IReadOnlyList<string> OutputFiles { get; } = ["comparison.csv", "comparison.json", ComparisonFigure.FileName];

    /// <summary>"K/N" with 1 ≤ K ≤ N ≤ 10,000; (1, 1) when not given.</summary>
    private static (int K, int N) Shard(string? text)
    {
        if (text is null) return (1, 1);
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 10_000 && k >= 1 && k <= n)
            return (k, n);
        throw new MicrocircuitException(ErrorKind.InvalidOption, $"--shard '{text}' is not a share K/N with 1 ≤ K ≤ N; write e.g. --shard 2/8 (the second of eight).");
    }

    /// <summary>
    /// Runs this share of the plan's grid in its run folders — finished runs kept, interrupted ones resumed from their
    /// checkpoints — then, once every run of the grid has finished, writes and prints the comparison.
    /// </summary>
    /// <param name="sharded">--shard was given: a folder holding the same plan is joined (another share started it), not refused.</param>
    private static int ExecutePlan(ComparisonPlan plan, string dir, int shard, int shards, bool sharded, bool resuming, bool overwrite, bool json, TextWriter output)
    {
        string folder = UserPath.Full(dir, "{out}");
        string planPath = Path.Combine(folder, ComparisonPlan.FileName);
        if (!resuming && File.Exists(planPath))
        {
            bool same = ComparisonPlan.Read(folder) is var earlier && Same(earlier, plan);
            if (overwrite && !sharded)
            {
                DeleteComparison(folder);
            }
            else if (!(sharded && same))
            {
                throw new MicrocircuitException(ErrorKind.InvalidOption, same
                    ? $"--out {folder} already holds this comparison; continue it with --resume {folder}, or add --overwrite to start it again."
                    : $"--out {folder} holds another comparison; continue it with --resume {folder}, choose another --out, or add --overwrite to replace it.");
            }
        }
        RunDirectory.EnsureWritable(folder, "{out}");
        if (!File.Exists(planPath)) plan.Write(folder);

        var share = plan.Share(shard, shards);
        if (!json)
            output.WriteLine($"{folder}: {plan.Entries.Count} rules × {plan.Seeds.Count} seeds, {plan.Options.Epochs} epochs each{(shards > 1 ? $"; share {shard}/{shards}: {share.Count} runs" : "")}");
        foreach (var (entry, seed) in share)
        {
            string run = ComparisonPlan.RunFolder(folder, entry, seed);
            string name = ComparisonPlan.RunName(entry, seed);
            if (ComparisonPlan.Finished(folder, entry, seed))
            {
                if (!json) output.WriteLine($"{name}: finished earlier, kept");
                continue;
            }
            var options = ComparisonEntries.Apply(plan.Options, entry) with { Seed = seed };
            string checkpointPath = Path.Combine(run, CheckpointFile.FileName);
            var sink = json ? TextWriter.Null : output;
            if (!json) output.Write($"{name}: ");
            if (File.Exists(checkpointPath))
            {
                var checkpoint = CheckpointFile.Read(checkpointPath);
                if (!json) output.Write($"resumed after epoch {checkpoint.Epoch}, ");
                TrainCommand.Execute(checkpoint.Options with { Epochs = options.Epochs }, run, OutputMode.Quiet, sink, checkpoint, 1, checkpointPath);
            }
            else
            {
                // A folder without a checkpoint holds a run stopped in its first epoch: nothing to keep.
                TrainCommand.Execute(options, run, OutputMode.Quiet, sink, checkpointEvery: 1, overwrite: Directory.Exists(run));
            }
        }

        int finished = plan.Grid.Count(g => ComparisonPlan.Finished(folder, g.Entry, g.Seed));
        if (finished < plan.Grid.Count)
        {
            output.WriteLine($"{finished} of {plan.Grid.Count} runs have finished in {folder}; the rest belong to other shares. When they have run: 'microcircuit compare --resume {folder}' (shares in this folder) or 'compare --collect FOLDER…' (shares in folders of their own).");
            return 0;
        }
        var (result, title) = ComparisonStore.Collect(plan, [folder]);
        return Report(result, title, folder, json, output);
    }

    /// <summary>Merges the finished runs of several comparison folders (the shares of one comparison).</summary>
    private static int Collect(string[] folders, string? outDir, bool json, bool overwrite, TextWriter output)
    {
        var plan = ComparisonPlan.Read(folders[0]);
        foreach (string other in folders.Skip(1))
            if (!Same(ComparisonPlan.Read(other), plan))
                throw new MicrocircuitException(ErrorKind.InvalidOption, $"{other} holds another comparison than {folders[0]} (options, rules or seeds differ); collect the shares of one comparison.");
        var (result, title) = ComparisonStore.Collect(plan, folders.Select(f => UserPath.Full(f, "{collect}")).ToArray());
        if (outDir is not null)
        {
            using var folder = new RunFolder(outDir, OutputFiles, "comparison");
            folder.ThrowIfTaken(overwrite, continuing: false);
            folder.Claim(clearEarlier: overwrite);
            plan.Write(folder.Path);
        }
        return Report(result, title, outDir, json, output);
    }

    private static bool Same(ComparisonPlan a, ComparisonPlan b) =>
        ConfigFile.ToJson(a.Options.Resolve()) == ConfigFile.ToJson(b.Options.Resolve()) && a.Entries.SequenceEqual(b.Entries) && a.Seeds.SequenceEqual(b.Seeds);

    private static void DeleteComparison(string folder)
    {
        foreach (string file in OutputFiles.Append(ComparisonPlan.FileName)) File.Delete(Path.Combine(folder, file));
        string runs = Path.Combine(folder, ComparisonPlan.RunsFolder);
        if (Directory.Exists(runs))
            foreach (string run in Directory.EnumerateDirectories(runs, "*-seed*"))
            {
                foreach (string file in TrainCommand.RunFiles.Append(RunFolder.LockName)) File.Delete(Path.Combine(run, file));
                if (!Directory.EnumerateFileSystemEntries(run).Any()) Directory.Delete(run);
            }
    }

    /// <summary>Writes comparison.csv, .json and .png into <paramref name="outDir"/> (when given) and prints the table or the JSON.</summary>
    private static int Report(ComparisonResult result, string title, string? outDir, bool json, TextWriter output)
    {
        if (outDir is not null)
        {
            AtomicFile.WriteAllText(Path.Combine(outDir, "comparison.csv"), ComparisonFiles.Csv(result));
            AtomicFile.WriteAllText(Path.Combine(outDir, "comparison.json"), ComparisonFiles.Json(result));
            ComparisonFigure.Write(Path.Combine(outDir, ComparisonFigure.FileName), result, title);
        }
        PrintTable(result, json, output);
        if (outDir is not null && !json) output.WriteLine($"wrote {Path.GetFullPath(outDir)}/comparison.csv, comparison.json, comparison.png");
        return 0;
    }

    private static void PrintTable(ComparisonResult result, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(ComparisonFiles.Json(result));
            return;
        }
        bool spiking = result.Rules.Any(r => result.Summary(r).ErrorCellRate.Any(double.IsFinite));
        var table = new Table().AddColumns("rule", "test accuracy (mean ± std)", "samples/s", "angle to BPTT per layer", "angle to BP per layer");
        if (spiking) table.AddColumns("error-cell rate per layer (spikes/cell/step)", "angle to graded per layer");
        foreach (var rule in result.Rules)
        {
            var s = result.Summary(rule);
            string[] cells = [rule, string.Create(CultureInfo.InvariantCulture, $"{s.TestAccuracyMean:F4} ± {s.TestAccuracyStd:F4}"),
                s.SamplesPerSecond.ToString("F0", CultureInfo.InvariantCulture), Degrees(s.AlignmentDeg), Degrees(s.AlignmentVersusBpDeg)];
            if (spiking)
                cells = [.. cells, string.Join("  ", s.ErrorCellRate.Select(r => double.IsFinite(r) ? r.ToString("F3", CultureInfo.InvariantCulture) : "–")), Degrees(s.AlignmentVersusGradedDeg)];
            table.AddRow(cells);
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        // A log file or a job's output has no width of its own; Spectre would assume 80 columns and wrap every rule name.
        if (!console.Profile.Capabilities.Interactive || console.Profile.Width < 120) console.Profile.Width = 160;
        console.Write(table);
    }

    /// <summary>A comparison held in memory (no --out): nothing is written, nothing can be resumed.</summary>
    private static int Execute(TrainingOptions options, List<string> rules, List<ulong> seeds, bool json, TextWriter output)
    {
        var data = DatasetCatalogue.Load(options.Dataset, options.DataDir, options.VerifyData);
        if (!json)
            output.WriteLine($"{data.Name} ({data.Source}): {rules.Count} rules × {seeds.Count} seeds, {options.Epochs} epochs each, network {data.Train.Dimension}-{options.Architecture(data.Classes)}, T = {options.Steps}");
        var result = RunWithProgress(options, rules, seeds, data, showProgress: !json);
        PrintTable(result, json, output);
        return 0;
    }

    private static string Degrees(IReadOnlyList<double> angles) =>
        string.Join("  ", angles.Select(a => double.IsFinite(a) ? a.ToString("F1", CultureInfo.InvariantCulture) + "°" : "–"));

    private static ComparisonResult RunWithProgress(TrainingOptions options, List<string> rules, List<ulong> seeds, LabelledDataset data, bool showProgress)
    {
        if (!showProgress || !AnsiConsole.Profile.Capabilities.Interactive)
            return RuleComparison.Run(options, rules, seeds, data);
        ComparisonResult? result = null;
        AnsiConsole.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                int train = Math.Min(options.TrainLimit ?? int.MaxValue, data.Train.Count);
                var task = context.AddTask("comparing", maxValue: (double)rules.Count * seeds.Count * options.Epochs!.Value * train);
                int runIndex = -1;
                result = RuleComparison.Run(options, rules, seeds, data, (rule, seed) =>
                {
                    runIndex++;
                    return new RunProgress(task, rule, seed, runIndex, options.Epochs!.Value, train);
                });
            });
        return result!;
    }

    private sealed class RunProgress(ProgressTask task, string rule, ulong seed, int runIndex, int epochs, int samplesPerEpoch) : ITrainingObserver
    {
        public void OnBatch(in BatchProgress p)
        {
            task.Value = ((double)runIndex * epochs + p.Epoch - 1) * samplesPerEpoch + p.SamplesDone;
            task.Description = string.Create(CultureInfo.InvariantCulture, $"{rule} seed {seed}  epoch {p.Epoch}/{p.Epochs}  acc {p.RunningAccuracy:F3}  {p.SamplesPerSecond:F0} samples/s");
        }
    }
}
