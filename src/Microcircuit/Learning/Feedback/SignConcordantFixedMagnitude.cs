using Microcircuit.Randomness;

namespace Microcircuit.Learning.Feedback;

/// <summary>
/// frSF feedback (docs/paper.md §4): B = |M| ∘ sign(Wᵀ) with M drawn once, Xavier-uniform scale
/// U(−√(6/(fan_in + fan_out)), +√(6/(fan_in + fan_out))). Only the signs follow the forward weights.
/// </summary>
public sealed class SignConcordantFixedMagnitude(FeedbackFan fan, SeededRandom random) : IFeedbackWiring
{
    public SignConcordantFixedMagnitude(int outputs, int inputs, SeededRandom random) : this(FeedbackFan.Dense(outputs, inputs), random)
    {
    }

    private readonly float[] _magnitude = fan.XavierMagnitudes(random);

    /// <summary>|M|, in W's layout.</summary>
    public ReadOnlySpan<float> Magnitude => _magnitude;

    public void Refresh(ReadOnlySpan<float> forwardWeights, Span<float> feedback)
    {
        for (int i = 0; i < _magnitude.Length; i++)
        {
            float w = forwardWeights[i];
            feedback[i] = w > 0f ? _magnitude[i] : w < 0f ? -_magnitude[i] : 0f;
        }
    }
}
