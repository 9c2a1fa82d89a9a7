namespace Microcircuit.Compute;

/// <summary>
/// One Adam step's scalars: η, β₁, β₂, ε, the bias corrections 1/(1 − β₁ᵗ) and 1/(1 − β₂ᵗ), and the decoupled decay
/// factor 1 − η·λ (1 for plain Adam).
/// </summary>
public readonly record struct AdamConstants(float LearningRate, float Beta1, float Beta2, float Epsilon, float Correction1, float Correction2, float Decay);
