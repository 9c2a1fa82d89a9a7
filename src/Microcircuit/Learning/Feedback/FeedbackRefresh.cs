using Microcircuit.Compute;
using Microcircuit.Layers;

namespace Microcircuit.Learning.Feedback;

/// <summary>
/// A wiring's refresh of a layer's feedback synapses, once per batch. It runs on the host (a wiring may draw from its
/// seeded generator, in a fixed order): the forward weights' signs come over from the back end's device and the new
/// feedback goes back.
/// </summary>
internal static class FeedbackRefresh
{
    public static void Run(IFeedbackWiring wiring, SpikingLayer layer, float[] feedback, IDeviceMemory memory)
    {
        if (wiring.ReadsWeights && layer.FixedSigns is null) layer.WeightsToHost();
        wiring.Refresh(layer.FixedSigns ?? layer.Weights, feedback);
        memory.FromHost(feedback);
    }
}
