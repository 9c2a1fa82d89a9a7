namespace Microcircuit.Learning;

/// <summary>A rule that sends errors down through explicit feedback matrices, which alignment measurements can read.</summary>
public interface IFeedbackRule
{
    /// <summary>The feedback onto layer <paramref name="layer"/>−1 from layer <paramref name="layer"/> (≥ 1), in W's layout, for the current batch.</summary>
    ReadOnlySpan<float> Feedback(int layer);
}
