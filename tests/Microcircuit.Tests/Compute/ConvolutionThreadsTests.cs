using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;

namespace Microcircuit.Tests.Compute;

/// <summary>
/// A convolution shared out between threads (images for the forward product and input gradient, output channels for
/// the kernel gradient) gives the single thread's result bit for bit, and the naive reference's within rounding.
/// </summary>
public class ConvolutionThreadsTests
{
    /// <summary>C_in, H, W, C_out, k, stride, padding, batch; each big enough to be split.</summary>
    public static TheoryData<int, int, int, int, int, int, int, int> Shapes() => new()
    {
        { 3, 32, 32, 64, 3, 1, 1, 13 }, // a CIFAR-10 first layer, an odd batch
        { 32, 16, 16, 64, 3, 1, 1, 5 },
        { 1, 64, 64, 70, 3, 1, 1, 6 }, // 9 rows per column: the narrow (dot-product) kernel-gradient path
        { 5, 33, 31, 71, 5, 2, 2, 7 }, // stride 2, 71 channels: ragged register tiles in every part
        { 64, 12, 12, 96, 1, 1, 0, 30 }, // pointwise: no unfold
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SplitIsBitIdenticalToOneThread(int cIn, int h, int w, int cOut, int k, int stride, int padding, int batch)
    {
        var shape = new ConvolutionShape(cIn, h, w, cOut, k, k, stride, padding);
        Assert.True(ConvolutionSplit.ImageParts(shape, batch, 3) > 1, "the shape is too small to be split over images");
        Assert.True(ConvolutionSplit.ChannelParts(shape, batch, 3) > 1, "the shape is too small to be split over channels");
        var random = new Random(cIn * 1009 + h * 31 + cOut * 7 + batch);
        var x = NaiveProduct.Random(random, batch * shape.InputSize);
        var kernel = NaiveProduct.Random(random, shape.KernelSize);
        var dy = NaiveProduct.Random(random, batch * shape.OutputSize);
        var start = NaiveProduct.Random(random, shape.KernelSize);

        var (y1, dx1, dK1) = Run(shape, batch, x, kernel, dy, start, threads: 1);
        foreach (int threads in new[] { 2, 3, 4 })
        {
            var (y, dx, dK) = Run(shape, batch, x, kernel, dy, start, threads);
            Assert.Equal(y1, y);
            Assert.Equal(dx1, dx);
            Assert.Equal(dK1, dK);
        }

        var (expected, scale) = NaiveConvolution.Forward(shape, batch, x, kernel);
        var (yThreaded, dxThreaded, dKThreaded) = Run(shape, batch, x, kernel, dy, start, threads: 3);
        NaiveProduct.AssertClose(expected, scale, yThreaded, yThreaded.Length);
        (expected, scale) = NaiveConvolution.InputGradient(shape, batch, dy, kernel);
        NaiveProduct.AssertClose(expected, scale, dxThreaded, dxThreaded.Length);
        (expected, scale) = NaiveConvolution.KernelGradient(shape, batch, dy, x);
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] += start[i];
            scale[i] += Math.Abs(start[i]);
        }
        NaiveProduct.AssertClose(expected, scale, dKThreaded, dKThreaded.Length);
    }

    [Fact]
    public void SmallProductsStayOnOneThread()
    {
        var mnistFirst = new ConvolutionShape(1, 28, 28, 15, 5, 5, 1, 0);
        Assert.Equal(1, ConvolutionSplit.ImageParts(mnistFirst, 1, 8));
        Assert.Equal(1, ConvolutionSplit.ChannelParts(mnistFirst, 1, 8));
        Assert.Equal(2, ConvolutionSplit.ImageParts(mnistFirst, 50, 2));
        Assert.Equal(1, ConvolutionSplit.ImageParts(mnistFirst, 50, 1));
        var cifarFirst = new ConvolutionShape(3, 32, 32, 32, 3, 3, 1, 1);
        Assert.Equal(2, ConvolutionSplit.ImageParts(cifarFirst, 50, 2));
        Assert.Equal(1, ConvolutionSplit.ChannelParts(cifarFirst, 50, 2)); // 32 channels: too thin to split
        Assert.Equal(2, ConvolutionSplit.ChannelParts(new ConvolutionShape(32, 16, 16, 64, 3, 3, 1, 1), 50, 4));
    }

    /// <summary>Forward into y, the input gradient into dx, and the kernel gradient accumulated onto a copy of start.</summary>
    private static (float[] Y, float[] Dx, float[] DK) Run(ConvolutionShape shape, int batch, float[] x, float[] kernel,
        float[] dy, float[] start, int threads)
    {
        var workspace = new ConvolutionWorkspace();
        var y = new float[batch * shape.OutputSize];
        var dx = new float[batch * shape.InputSize];
        var dK = (float[])start.Clone();
        Convolution.Forward(shape, batch, x, kernel, y, workspace, threads);
        Convolution.InputGradient(shape, batch, dy, kernel, dx, workspace, threads);
        Convolution.KernelGradient(shape, batch, dy, x, dK, workspace, accumulate: true, threads);
        return (y, dx, dK);
    }
}
