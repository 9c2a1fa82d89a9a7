using Microcircuit.Layers;

namespace Microcircuit.Learning;

/// <summary>
/// A credit-assignment rule: it watches the shared forward pass step by step, receives the shared output error
/// e[t] = ∂E/∂a_L[t], and accumulates per-layer updates into <see cref="Gradients"/>. Rules never change the
/// forward pass or the loss, so any two rules can be compared on one recorded forward pass.
/// </summary>
public interface ICreditAssignment
{
    /// <summary>The rule's name as the command line spells it.</summary>
    string Name { get; }

    /// <summary>Called after the network has loaded a batch, before its first step.</summary>
    void BeginBatch(SpikingNetwork network);

    /// <summary>Called after every step with that step's output error [batch × outputs].</summary>
    void AfterStep(SpikingNetwork network, ReadOnlySpan<float> outputError, Gradients gradients);

    /// <summary>Called after the last step; finishes the batch's updates (averaged over the batch).</summary>
    void EndBatch(SpikingNetwork network, Gradients gradients);
}
