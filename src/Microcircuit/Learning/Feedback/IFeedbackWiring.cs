namespace Microcircuit.Learning.Feedback;

/// <summary>
/// How the feedback synapses B_{l+1} from a layer's error interneurons onto the apical compartments of the layer
/// below are made from its forward weights W_{l+1}. Feedback is stored in W's layout [outputs × inputs]:
/// entry [j, i] is the synapse from error pair j (upper layer) onto pyramidal cell i (lower layer), so
/// v = (E⁺ − E⁻) · F for a batch. Adding a rule of the feedback-alignment family is one such class.
/// </summary>
public interface IFeedbackWiring
{
    /// <summary>Fills <paramref name="feedback"/> from the current forward weights (or their fixed signs).</summary>
    void Refresh(ReadOnlySpan<float> forwardWeights, Span<float> feedback);

    /// <summary>Whether <see cref="Refresh"/> reads the forward weights (false: a fixed matrix, which spares a GPU copying them to the host each batch).</summary>
    bool ReadsWeights => true;
}
