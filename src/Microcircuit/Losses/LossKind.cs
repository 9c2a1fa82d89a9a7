namespace Microcircuit.Losses;

/// <summary>The global spiking error function every rule learns from (docs/paper.md §5).</summary>
public enum LossKind
{
    /// <summary>½ Σ_t Σ_o (a_L,o[t] − ā_L,o[t])² against the filtered desired spike trains (the paper's default).</summary>
    SpikeTrain,
    /// <summary>The one-sided spike-count loss: desired count for the label neuron, undesired count for the others.</summary>
    SpikeCount,
}
