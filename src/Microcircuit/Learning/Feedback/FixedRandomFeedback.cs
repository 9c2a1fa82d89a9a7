using Microcircuit.Randomness;

namespace Microcircuit.Learning.Feedback;

/// <summary>
/// Feedback alignment (FA): B is a fixed random matrix, Xavier-uniform U(−b, b) with b = √(6/(fan_in + fan_out)),
/// drawn once and unrelated to the forward weights, signs included.
/// </summary>
public sealed class FixedRandomFeedback(FeedbackFan fan, SeededRandom random) : IFeedbackWiring
{
    public FixedRandomFeedback(int outputs, int inputs, SeededRandom random) : this(FeedbackFan.Dense(outputs, inputs), random)
    {
    }

    private readonly float[] _weights = fan.XavierUniform(random);

    public void Refresh(ReadOnlySpan<float> forwardWeights, Span<float> feedback) => _weights.CopyTo(feedback);

    public bool ReadsWeights => false;
}
