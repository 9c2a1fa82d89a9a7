namespace Microcircuit.Neurons;

/// <summary>Shape of the local excitability gate g = ∂s/∂u proxy (docs/paper.md §2).</summary>
public enum GateKind
{
    /// <summary>g = σ'((u − θ)/α)/α with the logistic σ, argument clipped to [−8, 8] (default, α = 0.2).</summary>
    Logistic,
    /// <summary>g = 1/(2w) where |u − θ| &lt; w, else 0.</summary>
    Boxcar,
    /// <summary>g = 1: no gating.</summary>
    None,
}
