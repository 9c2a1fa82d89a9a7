namespace Microcircuit.Learning.Feedback;

/// <summary>
/// The feedback of a layer without plastic synapses (average pooling): its fixed forward wiring, run backwards,
/// spreads an error evenly over the window, for every rule alike. There are no feedback weights to make.
/// </summary>
public sealed class FixedPathway : IFeedbackWiring
{
    public static FixedPathway Instance { get; } = new();

    private FixedPathway()
    {
    }

    public void Refresh(ReadOnlySpan<float> forwardWeights, Span<float> feedback)
    {
    }

    public bool ReadsWeights => false;
}
