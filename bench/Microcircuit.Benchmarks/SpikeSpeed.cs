using System.Diagnostics;
using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;

namespace Microcircuit.Benchmarks;

/// <summary>Times SpikeGemm against dense Gemm.NN on binary inputs of a few spike densities.</summary>
internal static class SpikeSpeed
{
    public static void Print(int repetitions)
    {
        const int m = 128, n = 800, k = 784;
        Console.WriteLine($"SpikeGemm vs Gemm.NN, {m}×{n}×{k}, single thread (median of {repetitions})");
        foreach (double density in new[] { 0.02, 0.1, 0.3 })
        {
            var random = new Random(1);
            var spikes = new float[m * k];
            for (int i = 0; i < spikes.Length; i++)
            {
                spikes[i] = random.NextDouble() < density ? 1f : 0f;
            }
            var wt = GemmVersusOpenBlas.Filled(random, k * n);
            var c = new float[m * n];
            var events = new double[repetitions];
            var dense = new double[repetitions];
            for (int rep = -10; rep < repetitions; rep++)
            {
                long t0 = Stopwatch.GetTimestamp();
                SpikeGemm.Accumulate(spikes, wt, c, m, n, k);
                long t1 = Stopwatch.GetTimestamp();
                Gemm.NN(spikes, wt, c, m, n, k);
                long t2 = Stopwatch.GetTimestamp();
                if (rep >= 0)
                {
                    events[rep] = (t1 - t0) * 1e3 / Stopwatch.Frequency;
                    dense[rep] = (t2 - t1) * 1e3 / Stopwatch.Frequency;
                }
            }
            Array.Sort(events);
            Array.Sort(dense);
            Console.WriteLine($"  density {density,4:P0}: SpikeGemm {events[repetitions / 2]:F3} ms, Gemm.NN {dense[repetitions / 2]:F3} ms");
        }
    }
}
