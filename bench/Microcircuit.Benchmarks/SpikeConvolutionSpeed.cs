using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;

namespace Microcircuit.Benchmarks;

/// <summary>
/// `spike-conv [threads] [repetitions]`: a convolutional layer's current from spiking input, the dense im2col product
/// with the trace (old) against the event-driven sum over the inputs that spiked (new, <see cref="SpikeConvolution"/>
/// with the trace filter), on the CIFAR and MNIST shapes whose input is a spiking layer (batch 50), at spike densities
/// from 0 (the fixed cost) to 0.7, alternating, with the median of the paired ratios old ÷ new (above 1: event-driven is faster).
/// The crossover density this prints is what `--event-density` should be set near.
/// </summary>
internal static class SpikeConvolutionSpeed
{
    private static readonly (string Name, ConvolutionShape Shape)[] Shapes =
    [
        ("CIFAR 32×16×16 → 64C3p1", new(32, 16, 16, 64, 3, 3, 1, 1)),
        ("CIFAR 64×8×8 → 128C3p1", new(64, 8, 8, 128, 3, 3, 1, 1)),
        ("CIFAR 64×16×16 → 128C3p1", new(64, 16, 16, 128, 3, 3, 1, 1)),
        ("MNIST 15×12×12 → 40C5", new(15, 12, 12, 40, 5, 5)),
    ];

    private static readonly double[] Densities = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7];

    public static int Run(string[] args)
    {
        int threads = args.Length > 1 && int.TryParse(args[1], out var t) ? t : 1;
        int repetitions = args.Length > 2 && int.TryParse(args[2], out var r) ? r : 15;
        int batch = ConvolutionSpeed.Batch;
        Console.WriteLine($"Layer current from spikes, batch {batch}, {threads} thread(s), {repetitions} paired repetitions; old = dense im2col product with the trace, new = event-driven; ratio = old ÷ new");
        Console.WriteLine($"{"shape",-26} {"density",-8} {"old ms",8} {"new ms",8} {"ratio",7}");
        foreach (var (name, shape) in Shapes)
        {
            var random = new Random(1);
            var kernel = GemmVersusOpenBlas.Filled(random, shape.KernelSize);
            var transposed = new float[SpikeConvolution.TransposedKernelSize(shape)];
            var dense = new ConvolutionWorkspace();
            var events = new SpikeConvolutionWorkspace();
            var trace = GemmVersusOpenBlas.Filled(random, batch * shape.InputSize);
            var (old, current) = (new float[batch * shape.OutputSize], new float[batch * shape.OutputSize]);
            foreach (double density in Densities)
            {
                var spikes = new float[batch * shape.InputSize];
                for (int i = 0; i < spikes.Length; i++) spikes[i] = random.NextDouble() < density ? 1f : 0f;
                ConvolutionSpeed.Compare(name, $"{density:F1}", repetitions,
                    () => Convolution.Forward(shape, batch, trace, kernel, old, dense, threads),
                    () =>
                    {
                        SpikeConvolution.TransposeKernel(shape, kernel, transposed);   // once per batch in training; counted every step here
                        SpikeConvolution.Forward(shape, batch, spikes, transposed, current, 2f / 3f, 1f / 3f, events, threads);
                    });
            }
        }
        return 0;
    }
}
