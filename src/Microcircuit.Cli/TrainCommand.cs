using System.CommandLine;
using System.Globalization;
using Microcircuit.Circuits;
using Microcircuit.Data;
using Microcircuit.Encoding;
using Microcircuit.Errors;
using Microcircuit.Layers;
using Microcircuit.Neurons;
using Microcircuit.Optimizers;
using Microcircuit.Reporting;
using Microcircuit.Training;

namespace Microcircuit.Cli;

/// <summary>`microcircuit train`: trains a network on a dataset and reports test accuracy.</summary>
public static class TrainCommand
{
    public static Command Create(TextWriter output)
    {
        var dataset = new Option<string>("--dataset") { Description = "digits (embedded, default) | mnist | fashion-mnist | cifar10", DefaultValueFactory = _ => "digits" };
        var rule = new Option<string>("--rule") { Description = "Credit-assignment rule: " + string.Join(" | ", Learning.CreditAssignmentRules.Names), DefaultValueFactory = _ => "microcircuit" };
        var epochs = new Option<int?>("--epochs") { Description = "Training epochs (default: digits 60, mnist/fashion-mnist 20, cifar10 5)" };
        var batch = new Option<int>("--batch") { Description = "Mini-batch size", DefaultValueFactory = _ => 100 };
        var steps = new Option<int?>("--steps", "-T") { Description = "Time steps per sample T (default 5)" };
        var hidden = new Option<string?>("--hidden") { Description = "Hidden layer sizes, e.g. 800 or 400,400 (default: digits 200, mnist 800, fashion-mnist 400,400)" };
        var lr = new Option<float?>("--lr") { Description = "Learning rate (default 5e-4; digits 2e-3)" };
        var optimizer = new Option<string>("--optimizer") { Description = "adam | sgd | manhattan", DefaultValueFactory = _ => "adam" };
        var schedule = new Option<string?>("--schedule") { Description = "Learning-rate schedule: constant | cosine (default constant)" };
        var weightDecay = new Option<float>("--weight-decay") { Description = "Decoupled weight decay (AdamW)", DefaultValueFactory = _ => 0f };
        var clip = new Option<float>("--clip") { Description = "Clip the update's global norm to this value (0 = off)", DefaultValueFactory = _ => 0f };
        var clamp = new Option<float>("--clamp") { Description = "Clamp weights to [-c, c] after each step (0 = off)", DefaultValueFactory = _ => 4f };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every random draw", DefaultValueFactory = _ => 1UL };
        var trainLimit = new Option<int?>("--train-limit") { Description = "Use only the first N training samples" };
        var testLimit = new Option<int?>("--test-limit") { Description = "Use only the first N test samples" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder holding the dataset (also searched: $MICROCIRCUIT_DATA, /usr/share/datasets)" };
        var noVerify = new Option<bool>("--no-verify") { Description = "Accept dataset files whose checksum is unknown" };
        var outDir = new Option<string?>("--out") { Description = "Run directory for config.json, metrics.json, history.csv, checkpoints and plots (default runs/<time>-<dataset>-<rule>)" };
        var encoder = new Option<string?>("--encoder") { Description = "direct | rate | latency (default direct)" };
        var errorCells = new Option<string>("--error-cells") { Description = "graded (exact) | spiking (Bernoulli E+/E- spikes)", DefaultValueFactory = _ => "graded" };
        var errorSpike = new Option<float>("--error-spike") { Description = "delta_max: the error one E+/E- spike carries", DefaultValueFactory = _ => 1f };
        var augmentShift = new Option<int?>("--augment-shift") { Description = "Shift training images randomly by up to N pixels (default 0)" };
        var augmentFlip = new Option<bool>("--augment-flip") { Description = "Flip training images horizontally at random" };
        var dale = new Option<bool>("--dale") { Description = "Fix every synapse's sign at initialisation (Dale's principle)" };
        var bias = new Option<bool>("--bias") { Description = "Give every cell a plastic bias current" };
        var tauM = new Option<float>("--tau-m") { Description = "Membrane time constant", DefaultValueFactory = _ => 5f };
        var tauS = new Option<float>("--tau-s") { Description = "Synaptic trace time constant", DefaultValueFactory = _ => 3f };
        var threshold = new Option<float>("--threshold") { Description = "Firing threshold", DefaultValueFactory = _ => 1f };
        var gate = new Option<string>("--gate") { Description = "Excitability gate: logistic | boxcar | none", DefaultValueFactory = _ => "logistic" };
        var gateWidth = new Option<float>("--gate-width") { Description = "Gate width alpha (logistic) or w (boxcar)", DefaultValueFactory = _ => 0.2f };
        var alignment = new Option<int>("--alignment") { Description = "Every N batches, measure the update's angle to BPTT and time-local BP (alignment.csv); 0 = off", DefaultValueFactory = _ => 0 };
        var eventDensity = new Option<float>("--event-density") { Description = "Take a layer's current event-driven in steps where at most this fraction of its spiking inputs fired (0 = never)", DefaultValueFactory = _ => 0.2f };
        var threads = new Option<int>("--threads") { Description = "Threads for the matrix kernels", DefaultValueFactory = _ => 1 };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the final result" };
        var json = new Option<bool>("--json") { Description = "Print the final metrics as JSON, no progress bars" };
        var preset = new Option<string?>("--preset") { Description = "Start from presets/NAME.json (see 'microcircuit presets'); options given here override it" };
        var config = new Option<string?>("--config") { Description = "Start from a JSON config file, e.g. a run's config.json; options given here override it" };
        var resume = new Option<string?>("--resume") { Description = "Continue a stopped run from DIR/checkpoint.mcp (or a checkpoint file); writes to DIR unless --out is given" };
        var checkpointEvery = new Option<int?>("--checkpoint-every") { Description = "Write DIR/checkpoint.mcp every N epochs and after the last (default 1 with --out; 0 = never)" };

        var command = new Command("train", "Train a spiking network and report test accuracy, learning curve and firing rates.\n\nExamples:\n" +
            "  microcircuit train\n" +
            "  microcircuit train --dataset mnist --data-dir ../shared/datasets --epochs 20 --out runs/mnist\n" +
            "  microcircuit train --preset fashion-mnist-400x2 --rule bptt --alignment 20\n" +
            "  microcircuit train --resume runs/mnist --epochs 40")
        {
            dataset, rule, epochs, batch, steps, hidden, lr, optimizer, schedule, weightDecay, clip, clamp, seed, trainLimit, testLimit,
            dataDir, noVerify, outDir, encoder, errorCells, errorSpike, augmentShift, augmentFlip, dale, bias, tauM, tauS, threshold, gate, gateWidth, alignment, eventDensity, threads, quiet, json,
            preset, config, resume, checkpointEvery,
        };
        command.SetAction(parse =>
        {
            var options = new TrainingOptions
            {
                Dataset = parse.GetValue(dataset)!.ToLowerInvariant(),
                Rule = parse.GetValue(rule)!.ToLowerInvariant(),
                Epochs = parse.GetValue(epochs),
                Batch = parse.GetValue(batch),
                Steps = parse.GetValue(steps),
                Hidden = parse.GetValue(hidden) is { } h ? NetworkShape.ParseHidden(h) : null,
                LearningRate = parse.GetValue(lr),
                Optimizer = OptionWords.Optimizer(parse.GetValue(optimizer)!),
                Schedule = parse.GetValue(schedule) is { } sc ? OptionWords.Schedule(sc) : null,
                WeightDecay = parse.GetValue(weightDecay),
                ClipNorm = parse.GetValue(clip),
                WeightClamp = parse.GetValue(clamp),
                Seed = parse.GetValue(seed),
                TrainLimit = parse.GetValue(trainLimit),
                TestLimit = parse.GetValue(testLimit),
                DataDir = parse.GetValue(dataDir),
                VerifyData = !parse.GetValue(noVerify),
                Encoder = parse.GetValue(encoder) is { } enc ? OptionWords.Encoder(enc) : null,
                ErrorCells = OptionWords.ErrorCells(parse.GetValue(errorCells)!),
                ErrorSpikeValue = parse.GetValue(errorSpike),
                AugmentShift = parse.GetValue(augmentShift),
                AugmentFlip = parse.GetValue(augmentFlip),
                Dale = parse.GetValue(dale),
                Bias = parse.GetValue(bias),
                TauMembrane = parse.GetValue(tauM),
                TauSynapse = parse.GetValue(tauS),
                Threshold = parse.GetValue(threshold),
                Gate = OptionWords.Gate(parse.GetValue(gate)!),
                GateWidth = parse.GetValue(gateWidth),
                Threads = parse.GetValue(threads),
                AlignmentEvery = parse.GetValue(alignment),
                EventDensity = parse.GetValue(eventDensity),
            };
            var mode = parse.GetValue(json) ? OutputMode.Json : parse.GetValue(quiet) ? OutputMode.Quiet : OutputMode.Normal;
            var source = TrainingSource.From(parse.GetValue(preset), parse.GetValue(config), parse.GetValue(resume));
            var given = command.Options.Where(o => OptionKeys.ByOption.ContainsKey(o.Name) && parse.GetResult(o) is { Implicit: false })
                .Select(o => OptionKeys.ByOption[o.Name]);
            options = ConfigFile.Merge(source.Options, options, given);
            string run = parse.GetValue(outDir) ?? (source.ResumePath is { } p ? Path.GetDirectoryName(p) : null)
                ?? Path.Combine("runs", string.Create(CultureInfo.InvariantCulture, $"{DateTime.Now:yyyyMMdd-HHmmss}-{options.Dataset}-{options.Rule}"));
            return Execute(options, run, mode, output, source.Resume, parse.GetValue(checkpointEvery), source.ResumePath);
        });
        return command;
    }

    public static int Execute(TrainingOptions options, string? outDir, OutputMode mode, TextWriter output,
        Checkpoint? resume = null, int? checkpointEvery = null, string? resumePath = null)
    {
        options = options.Resolve();
        options.Validate();
        if (checkpointEvery is < 0) throw new MicrocircuitException(ErrorKind.InvalidOption, $"--checkpoint-every must be 0 (never) or a number of epochs (got {checkpointEvery}).");
        if (resume is not null && resume.Epoch > options.Epochs)
            throw new MicrocircuitException(ErrorKind.InvalidOption, $"the checkpoint already holds {resume.Epoch} epochs; pass --epochs {resume.Epoch} or more to continue it.");
        var run = outDir is null ? null : new RunDirectory(outDir);
        run?.WriteConfig(options);
        var checkpoints = run is not null && checkpointEvery is not 0 ? new CheckpointSchedule(run.Path, checkpointEvery ?? 1) : null;

        var data = DatasetCatalogue.Load(options.Dataset, options.DataDir, options.VerifyData);
        var experiment = new Experiment(options, data);
        resume?.Restore(experiment, resumePath ?? "checkpoint");
        if (resume is not null && mode == OutputMode.Normal)
            output.WriteLine($"resuming {resumePath} after epoch {resume.Epoch}");
        if (mode == OutputMode.Normal)
            output.WriteLine($"{data.Name}: {experiment.Train.Count} train / {experiment.Test.Count} test samples ({data.Source})");
        if (mode == OutputMode.Normal)
            output.WriteLine($"network {experiment.Network.Shape}, T = {experiment.Steps}, {options.Encoder.ToString()!.ToLowerInvariant()} input, rule {experiment.Rule.Name}, {experiment.Optimizer.Name} lr {options.LearningRate!.Value.ToString(CultureInfo.InvariantCulture)}, batch {options.Batch}, {options.Epochs} epochs, seed {options.Seed}");

        var history = new List<EpochMetrics>(resume?.History ?? []);
        var reporter = new EpochReporter(history, run, mode, output);
        var result = TrainingProgressView.Run(experiment, reporter, mode == OutputMode.Normal, resume?.History ?? [], checkpoints);
        var metrics = RunMetrics.From(experiment, result);
        run?.WriteMetrics(metrics);
        run?.WriteHistory(result.History);
        if (run is not null) LearningCurves.Write(Path.Combine(run.Path, LearningCurves.FileName), result.History, $"{options.Dataset} {experiment.Network.Shape}, {experiment.Rule.Name}, seed {options.Seed}");
        if (run is not null && reporter.Alignment.Count > 0)
            AlignmentFigure.Write(Path.Combine(run.Path, AlignmentFigure.FileName), reporter.Alignment, $"{options.Dataset} {experiment.Network.Shape}, {experiment.Rule.Name}");

        switch (mode)
        {
            case OutputMode.Json:
                output.WriteLine(metrics.ToJson());
                break;
            default:
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"test accuracy {metrics.TestAccuracy:F4} (train {metrics.TrainAccuracy:F4}) after {metrics.Epochs} epochs, {metrics.TotalSeconds:F1} s, {metrics.SamplesPerSecond:F0} samples/s"));
                if (run is not null && mode == OutputMode.Normal) output.WriteLine($"wrote {run.Path}/metrics.json, history.csv, config.json, {LearningCurves.FileName}{(reporter.Alignment.Count > 0 ? ", alignment.csv, " + AlignmentFigure.FileName : "")}{(checkpoints is null ? "" : ", " + CheckpointFile.FileName)}");
                break;
        }
        return 0;
    }
}
