using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;

namespace Microcircuit.Tests.Compute;

/// <summary>
/// The event-driven convolution of spike images against the direct-loop definition: odd shapes, stride 2, padding,
/// one and three input channels, every number of vectors in the last block of output channels (counts that are not a
/// multiple of eight or of sixty-four), more than sixty-four input channels (two mask words), the filter recursion,
/// and the same bits for every thread count.
/// </summary>
public sealed class SpikeConvolutionTests
{
    public static TheoryData<int, int, int, int, int, int, int, double> Shapes => new()
    {
        // C_in, H, W, C_out, k, stride, padding, spike density
        { 1, 7, 5, 3, 3, 1, 0, 0.4 },
        { 3, 9, 11, 5, 3, 2, 1, 0.3 },
        { 3, 8, 8, 8, 5, 1, 2, 0.5 },
        { 2, 6, 7, 64, 3, 1, 1, 0.3 },
        { 4, 5, 5, 72, 3, 2, 1, 0.6 },
        { 70, 5, 4, 13, 3, 1, 1, 0.2 },
        { 5, 6, 6, 130, 1, 1, 0, 0.5 },
        { 3, 4, 4, 9, 3, 1, 1, 0.0 },
        { 2, 4, 4, 9, 3, 1, 1, 1.0 },
        { 1, 6, 6, 24, 3, 2, 0, 0.5 },
        { 2, 5, 5, 32, 3, 1, 1, 0.4 },
        { 2, 5, 6, 40, 5, 1, 2, 0.3 },
        { 2, 5, 5, 48, 3, 1, 1, 0.4 },
        { 3, 6, 5, 56, 3, 1, 1, 0.3 },
    };

    private static float[] Spikes(Random random, int length, double density) =>
        Enumerable.Range(0, length).Select(_ => random.NextDouble() < density ? 1f : 0f).ToArray();

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Matches_the_direct_convolution_of_the_spikes(int cin, int h, int w, int cout, int k, int stride, int padding, double density)
    {
        var shape = new ConvolutionShape(cin, h, w, cout, k, k, stride, padding);
        const int batch = 3;
        var random = new Random(cin * 1000 + cout * 10 + k);
        var spikes = Spikes(random, batch * shape.InputSize, density);
        var kernel = NaiveProduct.Random(random, shape.KernelSize);
        var transposed = new float[SpikeConvolution.TransposedKernelSize(shape)];
        SpikeConvolution.TransposeKernel(shape, kernel, transposed);
        var (expected, scale) = NaiveConvolution.Forward(shape, batch, spikes, kernel);

        var one = Enumerable.Repeat(float.NaN, batch * shape.OutputSize).ToArray();   // overwritten, never read
        var two = (float[])one.Clone();
        SpikeConvolution.Forward(shape, batch, spikes, transposed, one, 0f, 1f, new SpikeConvolutionWorkspace(), threads: 1);
        SpikeConvolution.Forward(shape, batch, spikes, transposed, two, 0f, 1f, new SpikeConvolutionWorkspace(), threads: 3);
        NaiveProduct.AssertClose(expected, scale, one, one.Length);
        Assert.Equal(one, two);
    }

    [Fact]
    public void Follows_the_filter_recursion()
    {
        var shape = new ConvolutionShape(6, 9, 9, 20, 3, 3, 1, 1);
        const int batch = 2;
        const float decay = 2f / 3f, gain = 1f / 3f;
        var random = new Random(5);
        var spikes = Spikes(random, batch * shape.InputSize, 0.3);
        var kernel = NaiveProduct.Random(random, shape.KernelSize);
        var transposed = new float[SpikeConvolution.TransposedKernelSize(shape)];
        SpikeConvolution.TransposeKernel(shape, kernel, transposed);
        var before = NaiveProduct.Random(random, batch * shape.OutputSize);
        var (sum, scale) = NaiveConvolution.Forward(shape, batch, spikes, kernel);

        var current = (float[])before.Clone();
        SpikeConvolution.Forward(shape, batch, spikes, transposed, current, decay, gain, new SpikeConvolutionWorkspace());
        var expected = sum.Select((s, i) => decay * (double)before[i] + gain * s).ToArray();
        var tolerance = scale.Select((s, i) => gain * s + decay * Math.Abs(before[i])).ToArray();
        NaiveProduct.AssertClose(expected, tolerance, current, current.Length);
    }

    [Fact]
    public void Any_non_zero_input_counts_as_one_spike()
    {
        var shape = new ConvolutionShape(2, 5, 5, 8, 3, 3, 1, 1);
        var random = new Random(9);
        var binary = Spikes(random, shape.InputSize, 0.4);
        var graded = binary.Select((s, i) => s == 0f ? 0f : 0.5f + i % 3).ToArray();
        var kernel = NaiveProduct.Random(random, shape.KernelSize);
        var transposed = new float[SpikeConvolution.TransposedKernelSize(shape)];
        SpikeConvolution.TransposeKernel(shape, kernel, transposed);
        var a = new float[shape.OutputSize];
        var b = new float[shape.OutputSize];
        SpikeConvolution.Forward(shape, 1, binary, transposed, a, 0f, 1f, new SpikeConvolutionWorkspace());
        SpikeConvolution.Forward(shape, 1, graded, transposed, b, 0f, 1f, new SpikeConvolutionWorkspace());
        Assert.Equal(a, b);
        Assert.Contains(a, v => v != 0f);
    }

    [Fact]
    public void Rejects_short_spans()
    {
        var shape = new ConvolutionShape(2, 5, 5, 8, 3, 3, 1, 1);
        var transposed = new float[SpikeConvolution.TransposedKernelSize(shape)];
        var error = Assert.Throws<ArgumentException>(() => SpikeConvolution.Forward(shape, 2, new float[shape.InputSize], transposed,
            new float[2 * shape.OutputSize], 0f, 1f, new SpikeConvolutionWorkspace()));
        Assert.Contains("spikes", error.Message);
        Assert.Throws<ArgumentException>(() => SpikeConvolution.Forward(shape, 1, new float[shape.InputSize], new float[10],
            new float[shape.OutputSize], 0f, 1f, new SpikeConvolutionWorkspace()));
    }
}
