namespace Microcircuit.Optimizers;

/// <summary>How the learning rate moves over a run.</summary>
public enum LearningRateSchedule
{
    /// <summary>η stays at its initial value (docs/paper.md's default).</summary>
    Constant,
    /// <summary>η follows half a cosine from its initial value to zero over all batches of the run.</summary>
    Cosine,
}

/// <summary>The learning rate a schedule gives at a point of the run.</summary>
public static class LearningRateSchedules
{
    /// <param name="progress">Fraction of the run's batches already taken, in [0, 1].</param>
    public static float At(LearningRateSchedule schedule, float initial, double progress) => schedule switch
    {
        LearningRateSchedule.Cosine => (float)(initial * 0.5 * (1 + Math.Cos(Math.PI * Math.Clamp(progress, 0, 1)))),
        _ => initial,
    };
}
