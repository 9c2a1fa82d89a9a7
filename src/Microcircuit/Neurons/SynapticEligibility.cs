namespace Microcircuit.Neurons;

/// <summary>
/// The eligibility trace of a synapse (an option; docs/paper.md's rule reads the presynaptic trace a_pre alone): the
/// presynaptic trace filtered once more with time constant τe, ε[t] = (1 − 1/τe)·ε[t−1] + a_pre[t]. With τe = τm it is
/// the part of the true gradient that flows through the postsynaptic membrane's memory (u[t] keeps (1 − 1/τm) of
/// u[t−1], so a current at step t' still moves u[t]), as e-prop's eligibility traces carry it, reset ignored. It is
/// presynaptic and causal: every synapse of one presynaptic cell shares it, and the Hebbian product
/// post[t] · ε_pre[t] stays local in space and time.
/// </summary>
public static class SynapticEligibility
{
    /// <summary>Decay per step for a time constant; τe ≤ 0 means off (0).</summary>
    public static float Decay(float tau) => tau > 0f ? 1f - 1f / tau : 0f;
}
