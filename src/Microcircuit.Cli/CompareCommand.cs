using System.CommandLine;
using System.Globalization;
using Microcircuit.Data;
using Microcircuit.Errors;
using Microcircuit.Learning;
using Microcircuit.Layers;
using Microcircuit.Reporting;
using Microcircuit.Training;
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
        var rules = new Option<string>("--rules") { Description = "Comma-separated rules: " + string.Join(",", CreditAssignmentRules.Names), DefaultValueFactory = _ => string.Join(",", CreditAssignmentRules.Names) };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per rule (1..N)", DefaultValueFactory = _ => 3 };
        var set = new TrainingOptionSet();
        var alignment = new Option<int>("--alignment") { Description = "Measure angles to BPTT every N batches", DefaultValueFactory = _ => 10 };
        var outDir = new Option<string?>("--out") { Description = "Folder for comparison.csv and comparison.json" };
        var json = new Option<bool>("--json") { Description = "Print comparison.json instead of the table" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the comparison that --out already holds" };

        var command = new Command("compare", "Train several rules on the same data, network, seeds and budget, side by side.\n\nExamples:\n" +
            "  microcircuit compare --seeds 3 --epochs 20\n" +
            "  microcircuit compare --dataset mnist --data-dir ../shared/datasets --rules microcircuit,frsf,fa,bptt --epochs 5 --out runs/cmp");
        foreach (var option in set.All.Concat([rules, seeds, alignment, outDir, json, overwrite])) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var ruleList = parse.GetValue(rules)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(r => r.ToLowerInvariant()).Distinct().ToList();
            if (ruleList.Count == 0)
                throw new MicrocircuitException(ErrorKind.InvalidOption, $"--rules names no rule; give one or more of {string.Join(", ", CreditAssignmentRules.Names)}, e.g. --rules microcircuit,fa,bptt.");
            foreach (var r in ruleList)
                if (!CreditAssignmentRules.Names.Contains(r))
                    throw new MicrocircuitException(ErrorKind.InvalidOption, $"--rules names '{r}', which is not one of: {string.Join(", ", CreditAssignmentRules.Names)}.");
            int seedCount = parse.GetValue(seeds);
            if (seedCount is < 1 or > 100) throw new MicrocircuitException(ErrorKind.InvalidOption, $"--seeds must be between 1 and 100 (got {seedCount}).");
            var options = (set.Read(parse) with { AlignmentEvery = parse.GetValue(alignment) }).Resolve();
            options.Validate();
            return Execute(options, ruleList, Enumerable.Range(1, seedCount).Select(s => (ulong)s).ToList(), parse.GetValue(outDir), parse.GetValue(json), parse.GetValue(overwrite), output);
        });
        return command;
    }

    /// <summary>The files a comparison writes into its folder.</summary>
    public static IReadOnlyList<string> OutputFiles { get; } = ["comparison.csv", "comparison.json", ComparisonFigure.FileName];

    private static int Execute(TrainingOptions options, List<string> rules, List<ulong> seeds, string? outDir, bool json, bool overwrite, TextWriter output)
    {
        using var folder = outDir is null ? null : new RunFolder(outDir, OutputFiles, "comparison");
        folder?.ThrowIfTaken(overwrite, continuing: false);
        var data = DatasetCatalogue.Load(options.Dataset, options.DataDir, options.VerifyData);
        folder?.Claim(clearEarlier: overwrite);
        if (!json)
            output.WriteLine($"{data.Name} ({data.Source}): {rules.Count} rules × {seeds.Count} seeds, {options.Epochs} epochs each, network {data.Train.Dimension}-{options.Architecture(data.Classes)}, T = {options.Steps}");
        var result = RunWithProgress(options, rules, seeds, data, showProgress: !json);
        if (outDir is not null)
        {
            AtomicFile.WriteAllText(Path.Combine(outDir, "comparison.csv"), ComparisonFiles.Csv(result));
            AtomicFile.WriteAllText(Path.Combine(outDir, "comparison.json"), ComparisonFiles.Json(result));
            ComparisonFigure.Write(Path.Combine(outDir, ComparisonFigure.FileName), result,
                $"{data.FigureName} {data.Train.Dimension}-{options.Architecture(data.Classes)}, T = {options.Steps}, {seeds.Count} seed{(seeds.Count == 1 ? "" : "s")}");
        }
        if (json)
        {
            output.WriteLine(ComparisonFiles.Json(result));
            return 0;
        }
        var table = new Table().AddColumns("rule", "test accuracy (mean ± std)", "samples/s", "angle to BPTT per layer", "angle to BP per layer");
        foreach (var rule in result.Rules)
        {
            var s = result.Summary(rule);
            table.AddRow(rule, string.Create(CultureInfo.InvariantCulture, $"{s.TestAccuracyMean:F4} ± {s.TestAccuracyStd:F4}"),
                s.SamplesPerSecond.ToString("F0", CultureInfo.InvariantCulture), Degrees(s.AlignmentDeg), Degrees(s.AlignmentVersusBpDeg));
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        console.Write(table);
        if (outDir is not null) output.WriteLine($"wrote {Path.GetFullPath(outDir)}/comparison.csv, comparison.json, comparison.png");
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
