using BenchmarkDotNet.Attributes;

namespace Microcircuit.Benchmarks;

/// <summary>BenchmarkDotNet comparison of Gemm with single-threaded cblas_sgemm on the network's shapes.</summary>
[MemoryDiagnoser]
public class GemmVersusOpenBlas
{
    private float[] a = [];
    private float[] b = [];
    private float[] c = [];
    private int m, n, k;

    [Params(Layout.NN, Layout.NT, Layout.TN)]
    public Layout Layout { get; set; }

    /// <summary>m×n×k.</summary>
    [Params("128x784x800", "128x800x800", "800x784x128")]
    public string Shape { get; set; } = "128x784x800";

    [GlobalSetup]
    public void Setup()
    {
        OpenBlas.Initialize(threads: 1);
        var dims = Shape.Split('x').Select(int.Parse).ToArray();
        (m, n, k) = (dims[0], dims[1], dims[2]);
        var random = new Random(1);
        a = Filled(random, m * k);
        b = Filled(random, k * n);
        c = new float[m * n];
    }

    [Benchmark(Baseline = true)]
    public void OpenBlasSgemm() => LayoutRun.Blas(Layout, a, b, c, m, n, k);

    [Benchmark]
    public void MicrocircuitGemm() => LayoutRun.Ours(Layout, a, b, c, m, n, k);

    internal static float[] Filled(Random random, int length)
    {
        var data = new float[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (float)(random.NextDouble() * 2.0 - 1.0);
        }
        return data;
    }
}
