namespace Microcircuit.Optimizers;

/// <summary>The optimisers docs/paper.md §5 lists.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (β 0.9/0.999, ε 1e-8); with weight decay it is AdamW (decoupled).</summary>
    Adam,
    /// <summary>Plain stochastic gradient descent, ΔW = −η·G: the purely Hebbian reading of the rule.</summary>
    Sgd,
    /// <summary>Batch Manhattan, ΔW = −η·sign(G) (Liao et al.'s recommendation for sign-concordant learning).</summary>
    BatchManhattan,
}
