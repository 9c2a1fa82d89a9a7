using Microcircuit.Randomness;

namespace Microcircuit.Learning.Feedback;

/// <summary>
/// Feedback alignment (FA): B is a fixed random matrix, Xavier-uniform U(−b, b) with b = √(6/(fan_in + fan_out)),
/// drawn once and unrelated to the forward weights, signs included.
/// </summary>
public sealed class FixedRandomFeedback : IFeedbackWiring
{
    private readonly float[] _weights;

    public FixedRandomFeedback(int outputs, int inputs, SeededRandom random)
        : this(FeedbackFan.Dense(outputs, inputs), random)
    {
    }

    public FixedRandomFeedback(FeedbackFan fan, SeededRandom random)
    {
        float bound = fan.XavierBound;
        _weights = new float[fan.Synapses];
        for (int i = 0; i < _weights.Length; i++) _weights[i] = bound * (2f * random.NextFloat() - 1f);
    }

    public void Refresh(ReadOnlySpan<float> forwardWeights, Span<float> feedback) => _weights.CopyTo(feedback);
}
