using Microcircuit.Circuits;
using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;
using Microcircuit.Layers;
using Microcircuit.Neurons;

namespace Microcircuit.Tests.Compute;

/// <summary>
/// The per-cell passes of a step (LIF update with its gate, pooling both ways, local error, eligibility trace) shared
/// out between threads give the single thread's bits, on sizes that are no multiple of any vector width.
/// </summary>
public class ElementwiseSplitTests
{
    private const int Cells = 20_011;   // prime: blocks and the SIMD tail fall anywhere
    private const int Batch = 13;       // 260,143 cells: three blocks at three threads

    [Fact]
    public void Blocks_are_aligned_cover_everything_and_small_passes_stay_on_one_thread()
    {
        int n = Batch * Cells;
        Assert.Equal(3, ElementwiseSplit.Parts(n, 3));
        Assert.Equal(1, ElementwiseSplit.Parts(ElementwiseSplit.MinItemsPerThread * 2 - 1, 2));
        Assert.Equal(1, ElementwiseSplit.Parts(n, 1));
        Assert.Equal(2, ElementwiseSplit.Parts(40, 4, itemCost: 10_000));   // 40 planes: at most 40 / 16 blocks
        for (int parts = 1; parts <= 4; parts++)
        {
            Assert.Equal(0, ElementwiseSplit.Start(n, 0, parts));
            Assert.Equal(n, ElementwiseSplit.Start(n, parts, parts));
            for (int part = 1; part < parts; part++)
            {
                int start = ElementwiseSplit.Start(n, part, parts);
                Assert.Equal(0, start % ElementwiseSplit.Alignment);
                Assert.True(start > ElementwiseSplit.Start(n, part - 1, parts), "an empty block");
            }
        }
    }

    [Theory]
    [InlineData(GateKind.Logistic)]
    [InlineData(GateKind.Boxcar)]
    [InlineData(GateKind.None)]
    public void The_LIF_step_and_its_gate_are_the_same_bits_on_several_threads(GateKind kind)
    {
        var lif = new LifParameters(5f, 3f, 1f);
        SurrogateGradient? gate = kind == GateKind.None ? null : new SurrogateGradient(kind, 0.3f);
        var random = new Random(3);
        var current = NaiveProduct.Random(random, Batch * Cells);

        (float[][] State, float Count) Run(int threads)
        {
            var layer = new DenseLayer(1, Cells, bias: false);
            layer.Reset(Batch, CpuBackend.Serial);
            var steps = new Random(8);
            float count = 0f;
            for (int t = 0; t < 3; t++)   // a few steps, so reset and trace decay are exercised
            {
                layer.Integrate(current, 0.7f + 0.5f * (float)steps.NextDouble(), new LifModel(lif), gate, new CpuBackend(threads));
                count += layer.SpikeCount;
            }
            int n = Batch * Cells;
            return ([layer.Membrane[..n], layer.Spikes[..n], layer.Trace[..n], layer.Gate[..n]], count);
        }

        var one = Run(1);
        Assert.InRange(one.Count, 1f, 3f * Batch * Cells - 1f);   // some cells fire, not all
        foreach (int threads in new[] { 2, 3, 4 })
        {
            var many = Run(threads);
            SameBits(one.State, many.State, threads);
            Assert.Equal(one.Count, many.Count);
        }
    }

    [Fact]
    public void Pooling_both_ways_is_the_same_bits_on_several_threads()
    {
        const int planes = 333, height = 31, width = 29, window = 2;   // odd sides: a dropped row and column
        var (outHeight, outWidth) = AveragePooling.OutputSize(height, width, window);
        Assert.True(ElementwiseSplit.Parts(planes, 3, height * width) == 3, "too small to be split");
        var random = new Random(5);
        var x = NaiveProduct.Random(random, planes * height * width);
        var dy = NaiveProduct.Random(random, planes * outHeight * outWidth);

        float[][] Run(int threads)
        {
            var y = new float[dy.Length];
            var dx = Enumerable.Repeat(float.NaN, x.Length).ToArray();   // every element must be written
            AveragePooling.Forward(planes, height, width, window, x, y, threads);
            AveragePooling.Backward(planes, height, width, window, dy, dx, threads);
            return [y, dx];
        }

        var one = Run(1);
        Assert.DoesNotContain(one[1], float.IsNaN);
        foreach (int threads in new[] { 2, 3, 4 }) SameBits(one, Run(threads), threads);
    }

    [Fact]
    public void Local_errors_and_eligibility_traces_are_the_same_bits_on_several_threads()
    {
        int n = Batch * Cells;
        var random = new Random(9);
        var gate = NaiveProduct.Random(random, n);
        var potential = NaiveProduct.Random(random, n);
        var sum = NaiveProduct.Random(random, n);
        var trace = NaiveProduct.Random(random, n);
        var eligibility = NaiveProduct.Random(random, n);

        float[][] Run(int threads)
        {
            var product = new float[n];
            new CpuBackend(threads).LocalError(gate, potential, product);
            var inPlace = potential.ToArray();
            new CpuBackend(threads).LocalError(gate, inPlace, inPlace);
            var delta = new float[n];
            var s = sum.ToArray();
            new CpuBackend(threads).LocalErrorWithSum(gate, potential, delta, s, 0.37f);
            var e = eligibility.ToArray();
            new CpuBackend(threads).Eligibility(0.8f, trace, e);
            return [product, inPlace, delta, s, e];   // δ alone, δ in place, δ with the input sum, the sum, ε
        }

        var one = Run(1);
        Assert.Equal(gate[7] * potential[7], one[0][7]);
        Assert.Equal(one[0], one[1]);
        Assert.Equal(one[0], one[2]);
        Assert.Equal(one[2][n - 1] * 0.37f + sum[n - 1], one[3][n - 1]);
        Assert.Equal(0.8f * eligibility[5] + trace[5], one[4][5]);
        foreach (int threads in new[] { 2, 3, 4 }) SameBits(one, Run(threads), threads);
    }

    private static void SameBits(float[][] one, float[][] many, int threads)
    {
        for (int i = 0; i < one.Length; i++)
            Assert.True(one[i].AsSpan().SequenceEqual(many[i]), $"output {i} differs at {threads} threads from one thread");
    }
}
