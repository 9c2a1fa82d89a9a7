using Microcircuit.Training;

namespace Microcircuit.Tests.Training;

/// <summary>Cancels a run once it has finished <paramref name="epochs"/> epochs (a run stopped part way, to be resumed).</summary>
internal sealed class StopAfter(int epochs, CancellationTokenSource stop) : ITrainingObserver
{
    public void OnEpoch(EpochMetrics metrics)
    {
        if (metrics.Epoch >= epochs) stop.Cancel();
    }
}
