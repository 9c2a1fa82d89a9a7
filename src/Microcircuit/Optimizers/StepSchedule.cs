namespace Microcircuit.Optimizers;

/// <summary>An optimiser's step size over a run: the initial η and how it moves (<see cref="LearningRateSchedule"/>).</summary>
public sealed record StepSchedule(float Initial, LearningRateSchedule Kind = LearningRateSchedule.Constant)
{
    /// <summary>η after <paramref name="progress"/> (the fraction of the run's batches already taken, in [0, 1]).</summary>
    public float At(double progress) => LearningRateSchedules.At(Kind, Initial, progress);
}
