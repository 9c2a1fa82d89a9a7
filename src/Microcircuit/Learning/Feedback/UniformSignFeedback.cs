namespace Microcircuit.Learning.Feedback;

/// <summary>
/// Uniform sign-concordant feedback (uSF): B = sign(Wᵀ)·scale, every magnitude equal. The scale is the mean
/// magnitude of frSF's Xavier-uniform draws, √(6/(fan_in + fan_out))/2, so the two differ only in the spread.
/// </summary>
public sealed class UniformSignFeedback(FeedbackFan fan) : IFeedbackWiring
{
    public UniformSignFeedback(int outputs, int inputs) : this(FeedbackFan.Dense(outputs, inputs))
    {
    }

    public float Scale { get; } = fan.XavierBound / 2f;

    public void Refresh(ReadOnlySpan<float> forwardWeights, Span<float> feedback)
    {
        float scale = Scale;
        for (int i = 0; i < fan.Synapses; i++)
        {
            float w = forwardWeights[i];
            feedback[i] = w > 0f ? scale : w < 0f ? -scale : 0f;
        }
    }
}
