using Microcircuit.Learning.Feedback;
using Microcircuit.Randomness;

namespace InMemoryTraining;

/// <summary>
/// A feedback wiring of one's own: sign-concordant feedback whose magnitudes are drawn once from a log-normal
/// distribution (synaptic strengths in cortex are roughly log-normal), B[j, i] = sign(W[j, i]) · m[j, i].
/// </summary>
public sealed class LogNormalSignFeedback : IFeedbackWiring
{
    private readonly float[] _magnitude;

    public LogNormalSignFeedback(int synapses, float scale, SeededRandom random)
    {
        _magnitude = new float[synapses];
        for (int i = 0; i < synapses; i++) _magnitude[i] = scale * MathF.Exp(0.5f * random.NextGaussian());
    }

    public void Refresh(ReadOnlySpan<float> forwardWeights, Span<float> feedback)
    {
        for (int i = 0; i < _magnitude.Length; i++)
            feedback[i] = MathF.Sign(forwardWeights[i]) * _magnitude[i];
    }
}
