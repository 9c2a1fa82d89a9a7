using Microcircuit.Errors;
using Microcircuit.Layers;
using Microcircuit.Reporting;
using Microcircuit.Storage;
using Microcircuit.Training;

namespace Microcircuit.Interop.Nir;

/// <summary>
/// A trained network as a NIR graph (docs/interop.md). Each layer becomes its synapses — <c>Affine</c> (with bias) or
/// <c>Linear</c>, <c>Conv2d</c>, or <c>AvgPool2d</c> — followed by its cells, a <c>CubaLIF</c>; a <c>Flatten</c> stands
/// between the last image layer and the first dense one. The cells' discrete dynamics are NIR's CubaLIF stepped by
/// Euler at <see cref="TimeStep"/> seconds a step: τ_syn = τs·dt, τ_mem = τm·dt, R = τm, v_leak = 0, v_reset = 0,
/// w_in = 1, v_threshold = θ (θ_pool for a pool's cells), and the weights as trained. The graph's metadata records
/// what a NIR graph cannot say: the time step, T, the encoder, the input normalisation and the readout.
/// </summary>
public static class NirExport
{
    /// <summary>Seconds per time step: what snnTorch's importer assumes (and Norse's, given dt = 1e-4).</summary>
    public const double TimeStep = 1e-4;

    public static NirGraph From(Experiment experiment)
    {
        var network = experiment.Network;
        var options = experiment.Options;
        if (options.Encoder != Encoding.EncoderKind.Direct)
            throw new OptionException("encoder", $"only networks trained with {{encoder}} direct export to NIR (this one used {options.Encoder!.Value.ToString().ToLowerInvariant()}): NIR has no node for this tool's spike encoders.");
        if (network.Neuron is not Neurons.LifModel)
            throw new MicrocircuitException(ErrorKind.InvalidOption, $"only LIF cells export to NIR (as CubaLIF nodes); this network's cells are {network.Neuron.GetType().Name}.");
        var nodes = new List<NirNode>();
        var chain = new List<string>();
        void Add(string name, string type, Dictionary<string, NirValue> parameters)
        {
            nodes.Add(new NirNode(name, type, parameters));
            chain.Add(name);
        }

        network.WeightsToHost();   // a back end on another device holds the current values
        var shape = network.Shape;
        bool image = shape.IsConvolutional;
        var input = shape.Input;
        Add("input", "Input", new() { ["shape"] = image ? NirValue.Ints(input.Channels, input.Height, input.Width) : NirValue.Ints(input.Size) });
        bool flat = !image;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            int n = l + 1;
            var spec = layer.Spec;
            if (spec.Kind == LayerKind.Dense && !flat)
            {
                var s = layer.InputShape;
                Add("flatten", "Flatten", new() { ["start_dim"] = NirValue.Int(0), ["end_dim"] = NirValue.Int(-1), ["input_type"] = NirValue.Ints(s.Channels, s.Height, s.Width) });
                flat = true;
            }
            switch (spec.Kind)
            {
                case LayerKind.Dense when layer.Bias is { } bias:
                    Add($"fc{n}", "Affine", new() { ["weight"] = NirValue.Of(layer.Weights, layer.Outputs, layer.Inputs), ["bias"] = NirValue.Of(bias) });
                    break;
                case LayerKind.Dense:
                    Add($"fc{n}", "Linear", new() { ["weight"] = NirValue.Of(layer.Weights, layer.Outputs, layer.Inputs) });
                    break;
                case LayerKind.Convolution:
                    var i = layer.InputShape;
                    Add($"conv{n}", "Conv2d", new()
                    {
                        ["weight"] = NirValue.Of(layer.Weights, spec.Size, i.Channels, spec.Kernel, spec.Kernel),
                        ["bias"] = NirValue.Of(layer.Bias ?? new float[spec.Size]),
                        ["stride"] = NirValue.Ints(spec.Stride, spec.Stride),
                        ["padding"] = NirValue.Ints(spec.Padding, spec.Padding),
                        ["dilation"] = NirValue.Ints(1, 1),
                        ["groups"] = NirValue.Int(1),
                        ["input_shape"] = NirValue.Ints(i.Height, i.Width),
                    });
                    break;
                default:
                    Add($"pool{n}", "AvgPool2d", new()
                    {
                        ["kernel_size"] = NirValue.Ints(spec.Kernel, spec.Kernel),
                        ["stride"] = NirValue.Ints(spec.Kernel, spec.Kernel),
                        ["padding"] = NirValue.Ints(0, 0),
                    });
                    break;
            }
            var o = layer.OutputShape;
            long[] cells = spec.Kind == LayerKind.Dense ? [o.Size] : [o.Channels, o.Height, o.Width];
            var lif = ((Neurons.LifModel)layer.CellModel(network.Neuron)).Parameters;   // LIF cells only (checked above)
            float[] Fill(double value) => Enumerable.Repeat((float)value, o.Size).ToArray();
            Add($"lif{n}", "CubaLIF", new()
            {
                // Time constants in seconds as float64: τ_syn / dt gives τs back exactly (float32 seconds would not).
                ["tau_syn"] = NirValue.Doubles(Enumerable.Repeat(lif.TauSynapse * TimeStep, o.Size).ToArray(), cells),
                ["tau_mem"] = NirValue.Doubles(Enumerable.Repeat(lif.TauMembrane * TimeStep, o.Size).ToArray(), cells),
                ["r"] = NirValue.Of(Fill(lif.TauMembrane), cells),
                ["v_leak"] = NirValue.Of(Fill(0), cells),
                ["v_threshold"] = NirValue.Of(Fill(lif.Threshold), cells),
                ["v_reset"] = NirValue.Of(Fill(0), cells),
                ["w_in"] = NirValue.Of(Fill(1), cells),
            });
        }
        Add("output", "Output", new() { ["shape"] = NirValue.Ints(network.Output.Outputs) });

        var n0 = experiment.Normalisation;
        var metadata = new Dictionary<string, NirValue>(StringComparer.Ordinal)
        {
            ["source"] = NirValue.Of($"microcircuit {Provenance.CodeVersion}"),
            ["dt"] = NirValue.Of(TimeStep),
            ["time_steps"] = NirValue.Of(experiment.Steps),
            ["encoder"] = NirValue.Of("direct: the normalised pixels x = (p / scale - mean) / std, the same input every step"),
            ["input_scale"] = NirValue.Of(n0.Scale),
            ["input_mean"] = NirValue.Of(n0.Mean),
            ["input_std"] = NirValue.Of(n0.Std),
            ["readout"] = NirValue.Of("class = argmax of the output cells' spike counts over time_steps; ties broken by the summed membrane potential"),
            ["dataset"] = NirValue.Of(options.Dataset),
            ["network"] = NirValue.Of(options.Architecture(network.Output.Outputs)),
            ["rule"] = NirValue.Of(options.Rule),
        };
        var edges = chain.Zip(chain.Skip(1)).ToArray();
        return new NirGraph(NirGraph.WrittenVersion, nodes, edges, metadata);
    }
}
