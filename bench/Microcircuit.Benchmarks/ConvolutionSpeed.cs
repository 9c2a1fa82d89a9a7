using System.Diagnostics;
using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;

namespace Microcircuit.Benchmarks;

/// <summary>
/// `conv [repetitions]`: times im2col and col2im (one image, batch-many times) and the three convolution products on the CIFAR and MNIST layer shapes (batch 50,
/// single thread), the per-image baseline and <see cref="Convolution"/> alternating, and prints the median time
/// of each and the median of the paired ratios old÷new (above 1: the new path is faster).
/// </summary>
internal static class ConvolutionSpeed
{
    internal const int Batch = 50;

    internal static readonly (string Name, ConvolutionShape Shape)[] Shapes =
    [
        ("CIFAR 3×32×32 → 32C3p1", new(3, 32, 32, 32, 3, 3, 1, 1)),
        ("CIFAR 32×16×16 → 64C3p1", new(32, 16, 16, 64, 3, 3, 1, 1)),
        ("CIFAR 64×8×8 → 128C3p1", new(64, 8, 8, 128, 3, 3, 1, 1)),
        ("CIFAR 3×32×32 → 64C3p1", new(3, 32, 32, 64, 3, 3, 1, 1)),
        ("CIFAR 64×16×16 → 128C3p1", new(64, 16, 16, 128, 3, 3, 1, 1)),
        ("CIFAR 128×8×8 → 256C3p1", new(128, 8, 8, 256, 3, 3, 1, 1)),
        ("MNIST 1×28×28 → 15C5", new(1, 28, 28, 15, 5, 5)),
        ("MNIST 15×12×12 → 40C5", new(15, 12, 12, 40, 5, 5)),
    ];

    public static int Run(string[] args)
    {
        int repetitions = args.Length > 1 && int.TryParse(args[1], out var r) ? r : 15;
        Console.WriteLine($"Convolution products, batch {Batch}, single thread, {repetitions} paired repetitions; ratio = old ÷ new");
        Console.WriteLine($"{"shape",-26} {"product",-8} {"old ms",8} {"new ms",8} {"ratio",7}");
        foreach (var (name, shape) in Shapes)
        {
            var random = new Random(1);
            var x = GemmVersusOpenBlas.Filled(random, Batch * shape.InputSize);
            var y = GemmVersusOpenBlas.Filled(random, Batch * shape.OutputSize);
            var kernel = GemmVersusOpenBlas.Filled(random, shape.KernelSize);
            var dK = new float[shape.KernelSize];
            var columns = new float[shape.ColumnSize];
            var workspace = new ConvolutionWorkspace();
            var image = x.AsSpan(0, shape.InputSize).ToArray();
            var fresh = new float[shape.ColumnSize];
            Compare(name, "unfold", repetitions,
                () => Repeat(() => BaselineIm2Col.Unfold(shape, image, columns)),
                () => Repeat(() => Im2Col.Unfold(shape, image, fresh)));
            Compare(name, "fold", repetitions,
                () => Repeat(() => BaselineCol2Im.Accumulate(shape, columns, image)),
                () => Repeat(() => Col2Im.Accumulate(shape, columns, image)));
            Compare(name, "forward", repetitions,
                () => PerImageConvolution.Forward(shape, Batch, x, kernel, y, columns),
                () => Convolution.Forward(shape, Batch, x, kernel, y, workspace));
            var dx = new float[x.Length];
            Compare(name, "input", repetitions,
                () => PerImageConvolution.InputGradient(shape, Batch, y, kernel, dx, columns),
                () => Convolution.InputGradient(shape, Batch, y, kernel, dx, workspace));
            Compare(name, "kernel", repetitions,
                () => PerImageConvolution.KernelGradient(shape, Batch, y, x, dK, columns),
                () => Convolution.KernelGradient(shape, Batch, y, x, dK, workspace, accumulate: true));
        }
        return 0;
    }

    internal static void Compare(string name, string product, int repetitions, Action old, Action current)
    {
        long warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 4; // past tiered compilation
        while (Stopwatch.GetTimestamp() < warmUntil)
        {
            old();
            current();
        }
        var oldTimes = new double[repetitions];
        var newTimes = new double[repetitions];
        var ratios = new double[repetitions];
        for (int rep = 0; rep < repetitions; rep++)
        {
            oldTimes[rep] = Milliseconds(old);
            newTimes[rep] = Milliseconds(current);
            ratios[rep] = oldTimes[rep] / newTimes[rep];
        }
        Console.WriteLine($"{name,-26} {product,-8} {Median(oldTimes),8:F2} {Median(newTimes),8:F2} {Median(ratios),7:F2}");
    }

    /// <summary>One image's unfold or fold, as many times as the batch holds images.</summary>
    private static void Repeat(Action action)
    {
        for (int b = 0; b < Batch; b++)
        {
            action();
        }
    }

    private static double Milliseconds(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
    }
}
