namespace Microcircuit.Training;

/// <summary>What keeps a run's state after each epoch, so that the run can resume (checkpoints: <c>Checkpoints.CheckpointSchedule</c>).</summary>
public interface IEpochArchive
{
    /// <summary>Called after each completed epoch with the history so far.</summary>
    void AfterEpoch(Experiment experiment, IReadOnlyList<EpochMetrics> history);
}
