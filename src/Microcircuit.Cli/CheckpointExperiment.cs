using Microcircuit.Data;

namespace Microcircuit.Cli;

/// <summary>The options `eval` and `inspect` share, and the experiment they rebuild from a checkpoint's options and weights.</summary>
public sealed class CheckpointExperiment
{
    public Option<string?> Checkpoint { get; } = new("--checkpoint") { Description = "A run directory (holding checkpoint.mcp) or a checkpoint file" };
    public Option<string?> Model { get; } = new("--model") { Description = "A NIR graph (.nir, ours or another tool's) instead of a checkpoint; see docs/interop.md" };
    public Option<string?> Dataset { get; } = new("--dataset") { Description = "Evaluate on another dataset of the same input size (default: the checkpoint's)" };
    public Option<string?> DataDir { get; } = new("--data-dir") { Description = "Folder holding the dataset (default: the checkpoint's, then $MICROCIRCUIT_DATA)" };
    public Option<int?> TestLimit { get; } = new("--test-limit") { Description = "Use only the first N test samples (default: all)" };
    public Option<bool> NoVerify { get; } = new("--no-verify") { Description = "Accept dataset files whose checksum is unknown" };
    public Option<int?> Steps { get; } = new("--steps", "-T") { Description = "Time steps per sample T (default: the checkpoint's)" };
    public Option<string> Device { get; } = new("--device") { Description = "Compute back end: cpu | cuda (default cpu, whatever the checkpoint was trained on)", DefaultValueFactory = _ => "cpu" };

    public IEnumerable<Option> All => [Checkpoint, Model, Dataset, DataDir, TestLimit, NoVerify, Steps, Device];

    /// <summary>Reads the checkpoint, loads the dataset and builds the experiment with the checkpoint's weights.</summary>
    public (Experiment Experiment, Checkpoint Checkpoint, string Path) Load(ParseResult parse)
    {
        if ((parse.GetValue(Checkpoint) is null) == (parse.GetValue(Model) is null))
            throw new Errors.MicrocircuitException(Errors.ErrorKind.InvalidOption, "give one of --checkpoint (a run directory or checkpoint file) and --model (a NIR graph).");
        if (parse.GetValue(Model) is { } model) return LoadModel(parse, model);
        string path = CheckpointFile.Locate(parse.GetValue(Checkpoint)!);
        var checkpoint = CheckpointFile.Read(path);
        var options = checkpoint.Options with
        {
            Dataset = parse.GetValue(Dataset) is { } d ? (Data.DatasetFiles.IsFile(d) ? Errors.UserPath.Full(d, "{dataset}") : d.ToLowerInvariant()) : checkpoint.Options.Dataset,
            DataDir = parse.GetValue(DataDir) ?? checkpoint.Options.DataDir,
            TestLimit = parse.GetValue(TestLimit),
            Steps = parse.GetValue(Steps) ?? checkpoint.Options.Steps,
            VerifyData = checkpoint.Options.VerifyData && !parse.GetValue(NoVerify),
            Device = parse.GetValue(Device)!,
        };
        var data = DatasetCatalogue.Load(options.Dataset, options.DataDir, options.VerifyData);
        var experiment = new Experiment(options, data);
        checkpoint.Restore(experiment, path, includeTraining: false);
        return (experiment, checkpoint, path);
    }

    /// <summary>Builds the experiment a NIR graph describes, with its weights, on the dataset given (or named in its metadata).</summary>
    private (Experiment, Checkpoint, string) LoadModel(ParseResult parse, string file)
    {
        string path = Errors.UserPath.Full(file, "{model}");
        var model = Interop.Nir.NirImport.From(Interop.Nir.NirFile.Read(path), path);
        string dataset = parse.GetValue(Dataset)?.ToLowerInvariant() ?? model.Dataset
            ?? throw new Errors.MicrocircuitException(Errors.ErrorKind.InvalidOption, $"{path} does not name its dataset; give --dataset.");
        var options = model.Apply(new TrainingOptions
        {
            Dataset = dataset,
            DataDir = parse.GetValue(DataDir),
            TestLimit = parse.GetValue(TestLimit),
            Steps = parse.GetValue(Steps) ?? model.Steps,
            VerifyData = !parse.GetValue(NoVerify),
            Device = parse.GetValue(Device)!,
        });
        var data = DatasetCatalogue.Load(options.Dataset, options.DataDir, options.VerifyData);
        var experiment = new Experiment(options, data);
        var checkpoint = model.AsCheckpoint(experiment.Options);
        checkpoint.Restore(experiment, path, includeTraining: false);
        return (experiment, checkpoint, path);
    }
}
