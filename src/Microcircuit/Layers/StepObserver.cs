namespace Microcircuit.Layers;

/// <summary>An <see cref="IStepObserver"/> from a delegate, for one-off runs (an inspection, a calibration probe).</summary>
public sealed class StepObserver(Action<SpikingNetwork, int> afterStep) : IStepObserver
{
    public void AfterStep(SpikingNetwork network, int step) => afterStep(network, step);
}
