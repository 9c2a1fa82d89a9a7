namespace Microcircuit.Training;

/// <summary>How many threads the kernels get when the user names none.</summary>
public static class KernelThreads
{
    /// <summary>
    /// A convolutional network gets every processor (its convolutions and per-cell passes split well);
    /// a dense one a single thread (its batch GEMMs are too small to gain from more).
    /// </summary>
    public static int Default(bool isConvolutional, int processorCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(processorCount, 1);
        return isConvolutional ? processorCount : 1;
    }
}
