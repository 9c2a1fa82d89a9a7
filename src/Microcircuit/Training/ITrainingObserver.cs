using Microcircuit.Learning.Alignment;

namespace Microcircuit.Training;

/// <summary>How the library reports a run as it goes; the command line renders it, tests assert on it.</summary>
public interface ITrainingObserver
{
    void OnBatch(in BatchProgress progress) { }
    void OnEvaluationStarted(int epoch) { }
    void OnEpoch(EpochMetrics metrics) { }
    void OnAlignment(AlignmentSample sample) { }
    /// <summary>The initial weights were scaled per layer to fire at <paramref name="targetRate"/> (--init-rate).</summary>
    void OnCalibrated(float targetRate, IReadOnlyList<float> scales) { }
}
