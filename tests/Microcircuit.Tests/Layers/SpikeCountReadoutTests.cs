using Microcircuit.Compute.Cpu;
using Microcircuit.Layers;

namespace Microcircuit.Tests.Layers;

public sealed class SpikeCountReadoutTests
{
    [Fact]
    public void Most_spikes_wins_and_ties_go_to_the_larger_summed_membrane()
    {
        var output = new DenseLayer(2, 3, bias: false);
        output.Reset(2, CpuBackend.Serial);
        var readout = new SpikeCountReadout();
        readout.Reset(2, 3);
        // sample 0: class 2 spikes twice; sample 1: classes 0 and 1 tie on spikes, class 1 has more membrane.
        float[][] spikes = [[0, 0, 1, 1, 1, 0], [0, 0, 1, 0, 0, 0]];
        float[][] membranes = [[0.1f, 0.2f, 1.5f, 1.2f, 1.1f, 0.3f], [0.5f, 0.9f, 1.2f, 0.2f, 0.9f, 0.1f]];
        for (int t = 0; t < 2; t++)
        {
            spikes[t].CopyTo(output.Spikes, 0);
            membranes[t].CopyTo(output.Membrane, 0);
            readout.Accumulate(output, CpuBackend.Serial);
        }
        Assert.Equal(2, readout.Predict(0));
        Assert.Equal(1, readout.Predict(1));
    }
}
