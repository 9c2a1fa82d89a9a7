using Microcircuit.Circuits;
using Microcircuit.Configuration;
using Microcircuit.Data;
using Microcircuit.Encoding;
using Microcircuit.Layers;
using Microcircuit.Losses;
using Microcircuit.Neurons;
using Microcircuit.Optimizers;

namespace Microcircuit.Cli;

/// <summary>`microcircuit train`: trains a network on a dataset and reports test accuracy.</summary>
public static class TrainCommand
{
    public static Command Create(TextWriter output)
    {
        var set = new TrainingOptionSet();
        var rule = new Option<string>("--rule") { Description = "Credit-assignment rule: " + string.Join(" | ", Learning.CreditAssignmentRules.Names), DefaultValueFactory = _ => "microcircuit" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every random draw", DefaultValueFactory = _ => 1UL };
        var outDir = new Option<string?>("--out") { Description = "Run directory for config.json, metrics.json, history.csv, checkpoints and plots (default runs/<time>-<dataset>-<rule>)" };
        var alignment = new Option<int>("--alignment") { Description = "Every N batches, measure the update's angle to BPTT and time-local BP (alignment.csv); 0 = off", DefaultValueFactory = _ => 0 };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the final result" };
        var json = new Option<bool>("--json") { Description = "Print the final metrics as JSON, no progress bars" };
        var preset = new Option<string?>("--preset") { Description = "Start from presets/NAME.json (see 'microcircuit presets'); options given here override it" };
        var config = new Option<string?>("--config") { Description = "Start from a JSON config file, e.g. a run's config.json; options given here override it" };
        var resume = new Option<string?>("--resume") { Description = "Continue a stopped run from DIR/checkpoint.mcp (or a checkpoint file); writes to DIR unless --out is given" };
        var checkpointEvery = new Option<int?>("--checkpoint-every") { Description = "Write DIR/checkpoint.mcp every N epochs and after the last (default 1 with --out; 0 = never)" };
        var fromModel = new Option<string?>("--from-model") { Description = "Start from the network and weights of a NIR graph (.nir, ours or another tool's), trained further by any rule; docs/interop.md" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the run that --out already holds (without it, a folder holding a run is refused; --resume continues one)" };

        var command = new Command("train", "Train a spiking network and report test accuracy, learning curve and firing rates.\n\nExamples:\n" +
            "  microcircuit train\n" +
            "  microcircuit train --dataset mnist --data-dir ../shared/datasets --epochs 20 --out runs/mnist\n" +
            "  microcircuit train --preset fashion-mnist-400x2 --rule bptt --alignment 20\n" +
            "  microcircuit train --resume runs/mnist --epochs 40");
        foreach (var option in set.All.Concat([rule, seed, outDir, alignment, quiet, json, preset, config, resume, checkpointEvery, overwrite, fromModel]))
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var options = set.Read(parse) with
            {
                Rule = parse.GetValue(rule)!.ToLowerInvariant(),
                Seed = parse.GetValue(seed),
                AlignmentEvery = parse.GetValue(alignment),
            };
            var mode = parse.GetValue(json) ? OutputMode.Json : parse.GetValue(quiet) ? OutputMode.Quiet : OutputMode.Normal;
            var source = TrainingSource.From(parse.GetValue(preset), parse.GetValue(config), parse.GetValue(resume), parse.GetValue(fromModel));
            var given = command.Options.Where(o => OptionKeys.ByOption.ContainsKey(o.Name) && parse.GetResult(o) is { Implicit: false })
                .Select(o => OptionKeys.ByOption[o.Name]);
            options = TrainingOptionSet.OneArchitecture(ConfigFile.Merge(source.Options, options, given), given);
            if (source.Resume is { } checkpoint) ResumeConflicts.ThrowIfAny(checkpoint, options, source.ResumePath!);
            string? run = parse.GetValue(outDir) ?? (source.ResumePath is { } p ? Path.GetDirectoryName(p) : null);
            return Execute(options, run ?? DefaultRunFolder(options), mode, output, source.Resume, parse.GetValue(checkpointEvery), source.ResumePath,
                parse.GetValue(overwrite), source.Initial, source.InitialPath, freshFolder: run is null);
        });
        return command;
    }

    /// <summary>
    /// runs/&lt;time&gt;-&lt;dataset&gt;-&lt;rule&gt;: the stem of a run's own folder when it was given none (-2, -3, … are added
    /// while that name is taken, <see cref="RunFolder.Fresh"/>): a run without --out never meets another one.
    /// </summary>
    private static string DefaultRunFolder(TrainingOptions options) =>
        Path.Combine("runs", string.Create(CultureInfo.InvariantCulture, $"{DateTime.Now:yyyyMMdd-HHmmss}-{Data.DatasetFiles.ShortName(options.Dataset)}-{options.Rule}"));

    /// <summary>The files a training run writes into its folder: what makes a folder hold a run, and what --overwrite replaces.</summary>
    public static IReadOnlyList<string> RunFiles { get; } =
        [RunDirectory.ConfigName, RunDirectory.HistoryName, RunDirectory.MetricsName, CheckpointFile.FileName, LearningCurves.FileName, RunDirectory.AlignmentName, AlignmentFigure.FileName];

    /// <summary>
    /// Trains and reports. Nothing in the run folder changes until every check has passed — options, dataset, network,
    /// checkpoint — and the folder has been claimed (<see cref="RunFolder"/>).
    /// </summary>
    public static int Execute(TrainingOptions options, string? outDir, OutputMode mode, TextWriter output,
        Checkpoint? resume = null, int? checkpointEvery = null, string? resumePath = null, bool overwrite = false,
        Checkpoint? initial = null, string? initialPath = null, bool freshFolder = false)
    {
        var started = DateTimeOffset.UtcNow;
        options = options.Resolve();
        options.Validate();
        if (checkpointEvery is < 0) throw new MicrocircuitException(ErrorKind.InvalidOption, $"--checkpoint-every must be 0 (never) or a number of epochs (got {checkpointEvery}).");
        if (resume is not null && resume.Epoch > options.Epochs)
            throw new MicrocircuitException(ErrorKind.InvalidOption, $"the checkpoint already holds {resume.Epoch} epochs; pass --epochs {resume.Epoch} or more to continue it.");
        using var folder = outDir is null ? null : freshFolder ? RunFolder.Fresh(outDir, RunFiles) : new RunFolder(outDir, RunFiles);
        bool continuing = folder is not null && resumePath is not null
            && string.Equals(Path.GetDirectoryName(Path.GetFullPath(resumePath)), folder.Path.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);
        if (continuing && overwrite)
            throw new MicrocircuitException(ErrorKind.InvalidOption, $"--overwrite would delete the run being resumed in {folder!.Path}; drop --overwrite to continue it, or give another --out.");
        folder?.ThrowIfTaken(overwrite, continuing);

        var (metrics, result, reporter, title, run) = Train(options, mode, output, folder, resume, resumePath, checkpointEvery, overwrite, continuing, started, initial, initialPath);
        ReleaseTrainingMemory();
        run?.WriteMetrics(metrics);
        run?.WriteHistory(result.History);
        run?.WriteConfig(options, metrics.Provenance!);
        if (run is not null) LearningCurves.Write(Path.Combine(run.Path, LearningCurves.FileName), result.History, $"{title}, seed {options.Seed}", options.Loss == LossKind.SpikeCount ? "spike-count loss" : "spike-train loss");
        if (run is not null && reporter.Alignment.Count > 0)
            AlignmentFigure.Write(Path.Combine(run.Path, AlignmentFigure.FileName), reporter.Alignment, title);

        switch (mode)
        {
            case OutputMode.Json:
                output.WriteLine(metrics.ToJson());
                break;
            default:
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"test accuracy {metrics.TestAccuracy:F4} (train {metrics.TrainAccuracy:F4}) after {metrics.Epochs} epochs, {metrics.TotalSeconds:F1} s, {metrics.SamplesPerSecond:F0} samples/s"));
                if (run is not null && mode == OutputMode.Normal) output.WriteLine($"wrote {run.Path}/metrics.json, history.csv, config.json, {LearningCurves.FileName}{(reporter.Alignment.Count > 0 ? ", alignment.csv, " + AlignmentFigure.FileName : "")}{(checkpointEvery is 0 ? "" : ", " + CheckpointFile.FileName)}");
                break;
        }
        return 0;
    }

    /// <summary>
    /// Loads the data, builds and restores the experiment (every check), then claims the folder, writes config.json
    /// and trains; the dataset and the network are unreachable once this returns.
    /// </summary>
    private static (RunMetrics Metrics, TrainingResult Result, EpochReporter Reporter, string Title, RunDirectory? Run) Train(TrainingOptions options, OutputMode mode,
        TextWriter output, RunFolder? folder, Checkpoint? resume, string? resumePath, int? checkpointEvery, bool overwrite, bool continuing, DateTimeOffset started,
        Checkpoint? initial, string? initialPath)
    {
        var data = DatasetCatalogue.Load(options.Dataset, options.DataDir, options.VerifyData);
        var experiment = new Experiment(options, data);
        resume?.Restore(experiment, resumePath ?? "checkpoint");
        initial?.Restore(experiment, initialPath ?? "model", includeTraining: false);   // --from-model: its weights, a fresh optimiser

        folder?.Claim(clearEarlier: overwrite);
        folder?.ThrowIfTaken(overwrite, continuing);   // again, now that the folder is ours: another run may have finished there meanwhile
        var run = folder is null ? null : new RunDirectory(folder.Path);
        var provenance = Provenance.Of(started);
        run?.WriteConfig(options, provenance);
        var checkpoints = run is not null && checkpointEvery is not 0 ? new CheckpointSchedule(run.Path, checkpointEvery ?? 1) : null;

        if (resume is not null && mode == OutputMode.Normal)
            output.WriteLine($"resuming {resumePath} after epoch {resume.Epoch}");
        if (mode == OutputMode.Normal)
            output.WriteLine($"{data.Name}: {experiment.Train.Count} train / {experiment.Test.Count} test samples ({data.Source})");
        if (mode == OutputMode.Normal) output.WriteLine(Summary(options, experiment));

        var history = new List<EpochMetrics>(resume?.History ?? []);
        var reporter = new EpochReporter(history, run, mode, output)
        {
            StepsOfEpoch = options.StepsStart is null ? null : experiment.StepsAt,
        };
        TrainingResult result;
        try
        {
            result = TrainingProgressView.Run(experiment, reporter, mode == OutputMode.Normal, resume?.History ?? [], checkpoints);
        }
        catch (OutOfMemoryException e)
        {
            throw MemoryDemand.Shortage($"training or evaluating epoch {history.Count + 1}", options, experiment.Network.Shape, e);
        }
        var metrics = RunMetrics.From(experiment, result, provenance.EndedAt(DateTimeOffset.UtcNow));
        return (metrics, result, reporter, $"{data.FigureName} {experiment.Network.Shape}, {experiment.Rule.Name}", run);
    }

    private static string Summary(TrainingOptions options, Experiment experiment)
    {
        string optimiserDetail = (options.RelativeStep ? " (relative to each layer's weight RMS)" : "")
            + (options.Momentum > 0f ? $" momentum {options.Momentum.ToString(CultureInfo.InvariantCulture)}" : "");
        string eligibility = options.EligibilityTau > 0f ? $", eligibility trace tau {options.EligibilityTau.ToString(CultureInfo.InvariantCulture)}" : "";
        string loss = options.Loss == LossKind.SpikeCount
            ? $", spike-count loss (label at least {options.DesiredCount!.Value.ToString(CultureInfo.InvariantCulture)} spikes, others at most {options.UndesiredCount.ToString(CultureInfo.InvariantCulture)})" : "";
        string steps = options.StepsStart is { } first
            ? $"T = {first} → {experiment.Steps} over the epochs (linear ramp)"
            : $"T = {experiment.Steps}";
        return $"network {experiment.Network.Shape}, {steps}, {options.Encoder.ToString()!.ToLowerInvariant()} input, rule {experiment.Rule.Name}{eligibility}{loss}, {experiment.Optimizer.Name} lr {options.LearningRate!.Value.ToString(CultureInfo.InvariantCulture)}{optimiserDetail}, batch {options.Batch}, {options.Epochs} epochs, seed {options.Seed}";
    }

    /// <summary>
    /// Hands the dataset's and the network's memory back to the system before the figures are drawn, so drawing them does
    /// not raise the run's peak memory above training's.
    /// </summary>
    private static void ReleaseTrainingMemory() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
