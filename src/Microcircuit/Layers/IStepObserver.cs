namespace Microcircuit.Layers;

/// <summary>
/// What watches a simulation step by step: training (loss, read-out, credit assignment), evaluation, inspection,
/// alignment probes and calibration all run the network through <see cref="SpikingNetwork.Run"/> and see each step here.
/// </summary>
public interface IStepObserver
{
    /// <summary>Called after every layer that runs has advanced to step <paramref name="step"/> (1-based).</summary>
    void AfterStep(SpikingNetwork network, int step);
}
