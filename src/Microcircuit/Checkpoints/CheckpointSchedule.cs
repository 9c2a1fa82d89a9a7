using Microcircuit.Errors;
using Microcircuit.Training;

namespace Microcircuit.Checkpoints;

/// <summary>Writes <c>DIR/checkpoint.mcp</c> after every <see cref="Every"/>-th epoch and after the last one.</summary>
public sealed class CheckpointSchedule(string directory, int every) : IEpochArchive
{
    public string Path { get; } = System.IO.Path.Combine(UserPath.Full(directory, "{out}"), CheckpointFile.FileName);
    public int Every { get; } = every > 0 ? every : throw new ArgumentOutOfRangeException(nameof(every), "Write a checkpoint at least every epoch count ≥ 1.");

    /// <summary>Called after each completed epoch; writes when the schedule says so.</summary>
    public void AfterEpoch(Experiment experiment, IReadOnlyList<EpochMetrics> history)
    {
        int epoch = history.Count;
        if (epoch % Every == 0 || epoch == experiment.Epochs)
            CheckpointFile.Write(Path, Checkpoint.Capture(experiment, epoch, history, share: true));   // written before training goes on
    }
}
