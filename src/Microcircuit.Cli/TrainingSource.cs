using Microcircuit.Configuration;

namespace Microcircuit.Cli;

/// <summary>
/// Where a run's options start before the command line overrides them: the defaults, a preset, a config file, or
/// the checkpoint of the run being resumed. At most one of them.
/// </summary>
public sealed record TrainingSource(TrainingOptions Options, Checkpoint? Resume, string? ResumePath, Checkpoint? Initial = null, string? InitialPath = null)
{
    public static TrainingSource From(string? preset, string? config, string? resume, string? fromModel = null)
    {
        int given = (preset is null ? 0 : 1) + (config is null ? 0 : 1) + (resume is null ? 0 : 1) + (fromModel is null ? 0 : 1);
        if (given > 1)
            throw new MicrocircuitException(ErrorKind.InvalidOption, "--preset, --config, --resume and --from-model each give the whole configuration; pass only one of them.");
        if (fromModel is not null)
        {
            string path = UserPath.Full(fromModel, "{from_model}");
            var model = Interop.Nir.NirImport.From(Interop.Nir.NirFile.Read(path), path);
            var options = model.Apply(new TrainingOptions { Dataset = model.Dataset ?? "digits", Steps = model.Steps });
            return new(options, null, null, model.AsCheckpoint(options), path);
        }
        if (preset is not null) return new(PresetLibrary.Find().Load(preset), null, null);
        if (config is not null) return new(ConfigFile.Load(config), null, null);
        if (resume is not null)
        {
            string path = CheckpointFile.Locate(resume);
            var checkpoint = CheckpointFile.Read(path);
            return new(checkpoint.Options, checkpoint, path);
        }
        return new(new TrainingOptions(), null, null);
    }
}
