using Microcircuit.Compute;
using Microcircuit.Data;
using Microcircuit.Learning;
using Microcircuit.Tests.Compute;
using Microcircuit.Training;

namespace Microcircuit.Tests.Gpu;

/// <summary>
/// What a training step moves between host and device on the ILGPU back end: with weights, cell state, rule state and
/// optimiser moments kept on the device, a batch moves its input, the output layer's trace and spikes each step (the loss
/// and the read-out run on the host), the output error back, the feedback weights' refresh and the divergence checks'
/// partial sums — and nothing that grows with the hidden layers' state or the steps' products. The same batch with every
/// array left on the host (copied in and out per call) is the comparison.
/// </summary>
public sealed class DeviceResidencyTests
{
    private static readonly LabelledDataset Digits = DatasetCatalogue.Load("digits");

    /// <summary>The ILGPU back end with every array the library allocates left on the host: each call copies its operands.</summary>
    private sealed class HostArraysOnly(IComputeBackend inner) : CountingBackend(inner)
    {
        public override float[] Allocate(int length) => new float[length];
        public override float[] Adopt(float[] array) => array;
    }

    [Theory]
    [InlineData("microcircuit")]
    [InlineData("bptt")]
    public void A_batch_moves_its_input_and_outputs_and_not_the_network(string rule)
    {
        const int batch = 25, steps = 4, hidden = 100;
        var options = new TrainingOptions
        {
            Dataset = "digits", Rule = rule, Hidden = [hidden], Epochs = 1, Batch = batch, Steps = steps, LearningRate = 5e-3f, TrainLimit = 100, TestLimit = 50,
            Seed = 3, Threads = 1,
        };
        long resident = Moved(options, keep: true, out var x);
        long staged = Moved(options, keep: false, out _);

        int inputs = x.Network.InputSize, classes = x.Network.Output.Outputs;
        long weights = x.Network.Layers.Sum(l => (long)l.Weights.Length);
        long upper = x.Network.Layers.Skip(1).Sum(l => (long)l.Weights.Length);
        // Per batch: the input; per step: the output's trace and spikes down, the read-out's two sums up and down, the
        // output error up, a spike count per layer; the feedback's refresh (signs down, feedback up); the clamp's check.
        long allowed = (long)batch * inputs
            + steps * (8L * batch * classes + 2 * x.Network.Layers.Count)
            + 2 * upper
            + 2048L * 2 * x.Network.Layers.Count;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{rule}: {resident:N0} floats moved in a batch with the arrays kept on the device (allowed {allowed:N0}; the weights alone are {weights:N0}), {staged:N0} with every array copied per call");
        Assert.True(resident <= allowed, $"{rule}: a batch moved {resident:N0} floats; what it must move is at most {allowed:N0}");
        Assert.True(staged > 4 * resident, $"{rule}: keeping the arrays on the device saved little ({resident:N0} against {staged:N0} floats)");
    }

    /// <summary>
    /// A network moved to the CPU back end, changed there, and handed back to the device computes with the changed
    /// weights: re-adopting an array the device still holds uploads the host's copy.
    /// </summary>
    [Fact]
    public void A_network_moved_to_the_cpu_and_back_computes_with_the_weights_the_cpu_left()
    {
        const int batch = 3;
        var random = new Microcircuit.Randomness.SeededRandom(4);
        var network = new Microcircuit.Layers.SpikingNetwork(new Microcircuit.Layers.NetworkShape(6, [5], 2), Microcircuit.Neurons.LifParameters.Default,
            Microcircuit.Neurons.SurrogateGradient.Default, new Microcircuit.Encoding.DirectEncoder(), bias: false, random);
        var pixels = Enumerable.Range(0, batch * 6).Select(_ => random.NextGaussian()).ToArray();
        var first = network.Layers[0];
        var onDevice = new float[batch * first.Outputs];
        var onCpu = new float[batch * first.Outputs];
        lock (SimulatedDevice.Gate)
        {
            network.Compute = SimulatedDevice.Backend;
            network.BeginBatch(pixels, batch);
            network.Compute = Microcircuit.Compute.Cpu.CpuBackend.Serial;
            network.Compute.Multiply(first.Weights, 2f, first.Weights);   // the CPU changes the weights
            first.Project(pixels, onCpu, batch, network.Compute);
            network.Compute = SimulatedDevice.Backend;
            first.Project(pixels, onDevice, batch, network.Compute);
        }
        for (int i = 0; i < onCpu.Length; i++) Assert.Equal(onCpu[i], onDevice[i], 1e-5f);
    }

    /// <summary>Floats moved by the second of two training batches (the first allocates and uploads the network).</summary>
    private static long Moved(TrainingOptions options, bool keep, out Experiment x)
    {
        lock (SimulatedDevice.Gate)
        {
            var device = SimulatedDevice.Backend;
            IComputeBackend compute = keep ? device : new HostArraysOnly(device);
            x = new Experiment(options, Digits, new ExperimentParts(Compute: _ => compute));
            var trainer = new Trainer(x);
            int dim = x.Network.SampleSize, n = options.Batch, classes = x.Network.Output.Outputs;
            var pixels = new float[n * dim];
            var labels = new byte[n];
            for (int b = 0; b < n; b++)
            {
                x.Train.CopyNormalised(b, pixels.AsSpan(b * dim, dim), x.Normalisation);
                labels[b] = x.Train.Labels.Span[b];
            }
            var error = new float[n * classes];
            var gradients = new Gradients(x.Network.Layers, x.Network.Compute);
            trainer.TrainBatch(pixels, labels, error, gradients, options.Steps!.Value);
            long before = device.Transfers.FloatsToDevice + device.Transfers.FloatsToHost;
            var outcome = trainer.TrainBatch(pixels, labels, error, gradients, options.Steps!.Value);
            Assert.True(outcome.WeightsFinite && double.IsFinite(outcome.Loss), "the batch diverged");
            return device.Transfers.FloatsToDevice + device.Transfers.FloatsToHost - before;
        }
    }
}
