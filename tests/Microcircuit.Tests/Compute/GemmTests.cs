using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;
using Xunit;

namespace Microcircuit.Tests.Compute;

public class GemmTests
{
    public static TheoryData<string, int, int, int> Shapes()
    {
        var data = new TheoryData<string, int, int, int>();
        int[][] shapes =
        [
            [1, 1, 1], [7, 13, 5], [129, 257, 63], [0, 5, 3], [5, 0, 3], [5, 3, 0], [1, 17, 9], [6, 16, 1],
            [100, 10, 800], [100, 800, 10], [37, 45, 600], [150, 33, 270], [7, 2100, 20], [64, 64, 64],
            // Above the unpacked-kernel threshold (1M multiply-adds): the packed path, with ragged tiles,
            // several k blocks, more rows than one A block, and C narrower than a register tile (computed transposed).
            [131, 40, 300], [128, 70, 130], [70, 10, 900], [150, 40, 200], [10, 800, 130], [4000, 9, 31],
        ];
        foreach (var layout in new[] { "NN", "NT", "TN" })
        {
            foreach (var s in shapes)
            {
                data.Add(layout, s[0], s[1], s[2]);
            }
        }
        return data;
    }

    private static void Run(string layout, float[] a, float[] b, float[] c, int m, int n, int k, bool accumulate, int threads)
    {
        switch (layout)
        {
            case "NN": Gemm.NN(a, b, c, m, n, k, accumulate, threads); break;
            case "NT": Gemm.NT(a, b, c, m, n, k, accumulate, threads); break;
            case "TN": Gemm.TN(a, b, c, m, n, k, accumulate, threads); break;
            default: throw new ArgumentException(layout);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesNaiveProductForEveryThreadCount(string layout, int m, int n, int k)
    {
        var random = new Random(m * 7919 + n * 104729 + k * 13 + layout[1]);
        var a = NaiveProduct.Random(random, m * k);
        var b = NaiveProduct.Random(random, k * n);
        var c0 = NaiveProduct.Random(random, m * n);
        foreach (bool accumulate in new[] { false, true })
        {
            var (expected, scale) = NaiveProduct.Compute(layout, a, b, c0, m, n, k, accumulate);
            var one = (float[])c0.Clone();
            var two = (float[])c0.Clone();
            Run(layout, a, b, one, m, n, k, accumulate, threads: 1);
            Run(layout, a, b, two, m, n, k, accumulate, threads: 2);
            NaiveProduct.AssertClose(expected, scale, one, m * n);
            Assert.Equal(one, two);
        }
    }

    [Theory]
    [InlineData("NN")]
    [InlineData("NT")]
    [InlineData("TN")]
    public void LeavesFloatsBeyondTheMatricesAlone(string layout)
    {
        const int m = 61, n = 35, k = 70;
        var random = new Random(5);
        var a = NaiveProduct.Random(random, m * k + 3);
        var b = NaiveProduct.Random(random, k * n + 3);
        var c = new float[m * n + 5];
        Array.Fill(c, 42f, m * n, 5);
        Run(layout, a, b, c, m, n, k, accumulate: false, threads: 3);
        var (expected, scale) = NaiveProduct.Compute(layout, a, b, c, m, n, k, accumulate: false);
        NaiveProduct.AssertClose(expected, scale, c, m * n);
        Assert.All(c[(m * n)..], x => Assert.Equal(42f, x));
    }

    [Theory]
    [InlineData("NN", 256, 200, 160, 2)]
    [InlineData("NT", 384, 256, 128, 3)]
    [InlineData("TN", 200, 384, 200, 3)]
    public void LargeProductsSplitAcrossThreadsWithTheSameBits(string layout, int m, int n, int k, int threads)
    {
        Assert.Equal(threads, GemmDriver.Parts(m, n, k, threads));   // the product is big enough to be split
        var random = new Random(m + n + k);
        var a = NaiveProduct.Random(random, m * k);
        var b = NaiveProduct.Random(random, k * n);
        var (expected, scale) = NaiveProduct.Compute(layout, a, b, new float[m * n], m, n, k, accumulate: false);
        var one = new float[m * n];
        var many = new float[m * n];
        Run(layout, a, b, one, m, n, k, accumulate: false, threads: 1);
        Run(layout, a, b, many, m, n, k, accumulate: false, threads: threads);
        NaiveProduct.AssertClose(expected, scale, many, m * n);
        Assert.Equal(one, many);
    }

    [Fact]
    public void PerStepProductsStayOnOneThread()
    {
        Assert.Equal(1, GemmDriver.Parts(128, 800, 10, threads: 2));    // a hidden layer's apical feedback, 1 M multiply-adds
        Assert.Equal(2, GemmDriver.Parts(128, 800, 784, threads: 2));   // the batch's input projection, 80 M
    }

    [Fact]
    public void RepeatedCallsGiveIdenticalResults()
    {
        const int m = 128, n = 200, k = 300;
        var random = new Random(11);
        var a = NaiveProduct.Random(random, m * k);
        var b = NaiveProduct.Random(random, n * k);
        var first = new float[m * n];
        var second = new float[m * n];
        Gemm.NT(a, b, first, m, n, k, threads: 2);
        Gemm.NT(a, b, second, m, n, k, threads: 1);
        Gemm.NT(a, b, second, m, n, k, threads: 4);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(128, 96, 200)]
    [InlineData(20, 30, 40)]
    [InlineData(50, 10, 300)]
    public void SingleThreadedCallsAllocateNothingOnceWarm(int m, int n, int k)
    {
        var random = new Random(2);
        var a = NaiveProduct.Random(random, m * k);
        var b = NaiveProduct.Random(random, k * n);
        var c = new float[m * n];
        foreach (var layout in new[] { "NN", "NT", "TN" })
        {
            Run(layout, a, b, c, m, n, k, accumulate: false, threads: 1);
            long least = long.MaxValue;
            // A garbage collection started by a concurrently running test can shift this thread's count
            // by an allocation-context chunk, so take the best of a few rounds; a real per-call object
            // (24 bytes or more, 50 calls) shows in every round.
            for (int round = 0; round < 3 && least >= 1024; round++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int call = 0; call < 50; call++)
                {
                    Run(layout, a, b, c, m, n, k, accumulate: call % 2 == 0, threads: 1);
                }
                least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            Assert.True(least < 1024, $"{layout}: {least} bytes over 50 calls");
        }
    }

    [Fact]
    public void RejectsShortSpansAndBadArguments()
    {
        var a = new float[6];
        var b = new float[6];
        var c = new float[4];
        Assert.Throws<ArgumentException>(() => Gemm.NN(a, b, c, 2, 2, 4));
        Assert.Throws<ArgumentException>(() => Gemm.NT(a, b, c, 3, 2, 2));
        Assert.Throws<ArgumentException>(() => Gemm.TN(a, b, c, 2, 3, 2));
        Assert.Throws<ArgumentException>(() => Gemm.NN(a, b, c, -1, 2, 2));
        Assert.ThrowsAny<ArgumentException>(() => Gemm.NN(a, b, c, 2, 2, 2, threads: 0));
    }
}
