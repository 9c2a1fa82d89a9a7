using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;

namespace Microcircuit.Benchmarks;

/// <summary>
/// `conv-threads [threads] [repetitions]`: the three convolution products on the CIFAR and MNIST layer shapes (batch 50)
/// on one thread and on <c>threads</c> threads (default 2), alternating, with the median of the paired ratios
/// one ÷ many (above 1: the split is faster). The outputs are checked bit for bit against each other first.
/// </summary>
internal static class ConvolutionThreads
{
    public static int Run(string[] args)
    {
        int threads = args.Length > 1 && int.TryParse(args[1], out var t) ? t : 2;
        int repetitions = args.Length > 2 && int.TryParse(args[2], out var r) ? r : 15;
        int batch = ConvolutionSpeed.Batch;
        Console.WriteLine($"Convolution products, batch {batch}, 1 thread (old) vs {threads} threads (new), {repetitions} paired repetitions; ratio = old ÷ new");
        Console.WriteLine($"{"shape",-26} {"product",-8} {"old ms",8} {"new ms",8} {"ratio",7}");
        foreach (var (name, shape) in ConvolutionSpeed.Shapes)
        {
            var random = new Random(1);
            var x = GemmVersusOpenBlas.Filled(random, batch * shape.InputSize);
            var dy = GemmVersusOpenBlas.Filled(random, batch * shape.OutputSize);
            var kernel = GemmVersusOpenBlas.Filled(random, shape.KernelSize);
            var one = new ConvolutionWorkspace();
            var many = new ConvolutionWorkspace();
            var (y1, yN) = (new float[dy.Length], new float[dy.Length]);
            var (dx1, dxN) = (new float[x.Length], new float[x.Length]);
            var (dK1, dKN) = (new float[kernel.Length], new float[kernel.Length]);
            Convolution.Forward(shape, batch, x, kernel, y1, one);
            Convolution.Forward(shape, batch, x, kernel, yN, many, threads);
            Convolution.InputGradient(shape, batch, dy, kernel, dx1, one);
            Convolution.InputGradient(shape, batch, dy, kernel, dxN, many, threads);
            Convolution.KernelGradient(shape, batch, dy, x, dK1, one);
            Convolution.KernelGradient(shape, batch, dy, x, dKN, many, threads: threads);
            if (!y1.AsSpan().SequenceEqual(yN) || !dx1.AsSpan().SequenceEqual(dxN) || !dK1.AsSpan().SequenceEqual(dKN))
            {
                Console.Error.WriteLine($"{name}: the {threads}-thread products differ from the single thread's");
                return 1;
            }
            ConvolutionSpeed.Compare(name, "forward", repetitions,
                () => Convolution.Forward(shape, batch, x, kernel, y1, one),
                () => Convolution.Forward(shape, batch, x, kernel, yN, many, threads));
            ConvolutionSpeed.Compare(name, "input", repetitions,
                () => Convolution.InputGradient(shape, batch, dy, kernel, dx1, one),
                () => Convolution.InputGradient(shape, batch, dy, kernel, dxN, many, threads));
            ConvolutionSpeed.Compare(name, "kernel", repetitions,
                () => Convolution.KernelGradient(shape, batch, dy, x, dK1, one, accumulate: true),
                () => Convolution.KernelGradient(shape, batch, dy, x, dKN, many, accumulate: true, threads));
        }
        return 0;
    }
}
