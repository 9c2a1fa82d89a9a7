namespace Microcircuit.Learning.Feedback;

/// <summary>B = Wᵀ: weight transport, the predecessor paper's "special circumstance" where the rule is time-local BP.</summary>
public sealed class TransposedWeights : IFeedbackWiring
{
    public void Refresh(ReadOnlySpan<float> forwardWeights, Span<float> feedback) => forwardWeights.CopyTo(feedback);
}
