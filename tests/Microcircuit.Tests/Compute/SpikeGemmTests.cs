using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;
using Xunit;

namespace Microcircuit.Tests.Compute;

public class SpikeGemmTests
{
    [Theory]
    [InlineData(1, 1, 1, 1.0)]
    [InlineData(7, 13, 5, 0.5)]
    [InlineData(129, 257, 63, 0.2)]
    [InlineData(33, 45, 1500, 0.1)]
    [InlineData(0, 5, 3, 0.5)]
    [InlineData(5, 0, 3, 0.5)]
    [InlineData(5, 3, 0, 0.5)]
    [InlineData(20, 40, 17, 0.0)]
    [InlineData(9, 71, 40, 1.0)]
    public void MatchesNaiveProductForEveryThreadCount(int m, int n, int k, double density)
    {
        var random = new Random(m * 31 + n * 17 + k);
        var spikes = new float[m * k];
        for (int i = 0; i < spikes.Length; i++)
        {
            spikes[i] = random.NextDouble() < density ? 1f : 0f;
        }
        var wt = NaiveProduct.Random(random, k * n);
        var c0 = NaiveProduct.Random(random, m * n);
        foreach (bool accumulate in new[] { false, true })
        {
            var (expected, scale) = NaiveProduct.Compute("NN", spikes, wt, c0, m, n, k, accumulate);
            var one = (float[])c0.Clone();
            var two = (float[])c0.Clone();
            SpikeGemm.Accumulate(spikes, wt, one, m, n, k, accumulate, threads: 1);
            SpikeGemm.Accumulate(spikes, wt, two, m, n, k, accumulate, threads: 2);
            NaiveProduct.AssertClose(expected, scale, one, m * n);
            Assert.Equal(one, two);
        }
    }

    [Fact]
    public void AgreesWithDenseGemmOnSpikes()
    {
        const int m = 16, n = 50, k = 80;
        var random = new Random(3);
        var spikes = new float[m * k];
        for (int i = 0; i < spikes.Length; i++)
        {
            spikes[i] = random.Next(4) == 0 ? 1f : 0f;
        }
        var wt = NaiveProduct.Random(random, k * n);
        var dense = new float[m * n];
        var events = new float[m * n];
        Gemm.NN(spikes, wt, dense, m, n, k);
        SpikeGemm.Accumulate(spikes, wt, events, m, n, k);
        for (int i = 0; i < dense.Length; i++)
        {
            Assert.True(Math.Abs(dense[i] - events[i]) <= 1e-5f * k, $"element {i}: {dense[i]} vs {events[i]}");
        }
    }

    [Fact]
    public void RejectsShortSpans()
    {
        Assert.Throws<ArgumentException>(() => SpikeGemm.Accumulate(new float[5], new float[6], new float[4], 2, 2, 3));
        Assert.Throws<ArgumentException>(() => SpikeGemm.Accumulate(new float[6], new float[6], new float[3], 2, 2, 3));
    }
}
