using Microcircuit.Randomness;

namespace Microcircuit.Learning.Feedback;

/// <summary>
/// Batch-random sign-concordant feedback (brSF): B = |R| ∘ sign(Wᵀ) with R redrawn (Xavier-uniform scale) every
/// time the feedback is refreshed, i.e. once per batch.
/// </summary>
public sealed class BatchRandomMagnitude(FeedbackFan fan, SeededRandom random) : IFeedbackWiring
{
    public BatchRandomMagnitude(int outputs, int inputs, SeededRandom random) : this(FeedbackFan.Dense(outputs, inputs), random)
    {
    }

    private readonly float _bound = fan.XavierBound;

    public void Refresh(ReadOnlySpan<float> forwardWeights, Span<float> feedback)
    {
        for (int i = 0; i < fan.Synapses; i++)
        {
            float m = _bound * random.NextFloat();
            float w = forwardWeights[i];
            feedback[i] = w > 0f ? m : w < 0f ? -m : 0f;
        }
    }
}
