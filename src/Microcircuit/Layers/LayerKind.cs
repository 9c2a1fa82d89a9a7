namespace Microcircuit.Layers;

/// <summary>What a layer of pyramidal cells computes its basal current with.</summary>
public enum LayerKind
{
    /// <summary>Fully connected: every cell sees every presynaptic cell (a plain number in the notation).</summary>
    Dense,
    /// <summary>Convolutional: one cell per feature-map position, kernels shared across space (NCk).</summary>
    Convolution,
    /// <summary>Spiking average pooling over non-overlapping windows, fixed weights (Pw).</summary>
    Pooling,
}
