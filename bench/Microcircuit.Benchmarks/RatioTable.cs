using System.Diagnostics;

namespace Microcircuit.Benchmarks;

/// <summary>
/// Quick in-process comparison: for each shape and layout, alternates our Gemm and OpenBLAS over many
/// repetitions and prints median GFLOP/s and the median of the paired ratios ours÷OpenBLAS.
/// </summary>
internal static class RatioTable
{
    private static readonly (int M, int N, int K)[] Shapes =
    [
        (128, 784, 800), (128, 800, 800), (800, 784, 128), (100, 800, 10), (100, 10, 800), (10, 800, 100),
    ];

    public static int Run(string[] args)
    {
        int repetitions = args.Length > 1 && int.TryParse(args[1], out var r) ? r : 41;
        bool largeOnly = args.Contains("large");
        OpenBlas.Initialize(threads: 1);
        Console.WriteLine($"OpenBLAS core: {OpenBlas.CoreName}; single thread; {repetitions} paired repetitions per row");
        Console.WriteLine($"{"layout",-6} {"m×n×k",-14} {"ours GF/s",10} {"BLAS GF/s",10} {"ratio",7}");
        var ratios = new List<double>();
        foreach (var (m, n, k) in Shapes)
        {
            if (largeOnly && 2.0 * m * n * k < 50e6)
            {
                continue;
            }
            foreach (var layout in new[] { Layout.NN, Layout.NT, Layout.TN })
            {
                var random = new Random(1);
                var a = GemmVersusOpenBlas.Filled(random, m * k);
                var b = GemmVersusOpenBlas.Filled(random, k * n);
                var c = new float[m * n];
                double flops = 2.0 * m * n * k;
                int inner = Math.Max(1, (int)(20e6 / flops));
                var ours = new double[repetitions];
                var blas = new double[repetitions];
                long warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 4;
                while (Stopwatch.GetTimestamp() < warmUntil)
                {
                    Time(() => LayoutRun.Ours(layout, a, b, c, m, n, k), inner);
                    Time(() => LayoutRun.Blas(layout, a, b, c, m, n, k), inner);
                }
                for (int rep = 0; rep < repetitions; rep++)
                {
                    ours[rep] = Time(() => LayoutRun.Ours(layout, a, b, c, m, n, k), inner);
                    blas[rep] = Time(() => LayoutRun.Blas(layout, a, b, c, m, n, k), inner);
                }
                var paired = ours.Zip(blas, (o, x) => x / o).ToArray();
                double ratio = Median(paired);
                if (flops >= 50e6)
                {
                    ratios.Add(ratio);
                }
                Console.WriteLine($"{layout,-6} {$"{m}×{n}×{k}",-14} {flops / Median(ours) * 1e-9,10:F1} {flops / Median(blas) * 1e-9,10:F1} {ratio,7:F3}");
            }
        }
        Console.WriteLine($"median ratio over the large shapes: {Median([.. ratios]):F3}");
        SpikeSpeed.Print(repetitions);
        return 0;
    }

    /// <summary>Seconds per call, averaged over <paramref name="inner"/> back-to-back calls.</summary>
    private static double Time(Action action, int inner)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < inner; i++)
        {
            action();
        }
        return Stopwatch.GetElapsedTime(start).TotalSeconds / inner;
    }

    private static double Median(double[] values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
    }
}
