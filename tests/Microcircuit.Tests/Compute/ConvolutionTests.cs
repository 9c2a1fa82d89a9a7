using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;

namespace Microcircuit.Tests.Compute;

public class ConvolutionTests
{
    /// <summary>C_in, H, W, C_out, kh, kw, stride, padding, batch.</summary>
    public static TheoryData<int, int, int, int, int, int, int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int, int, int, int, int, int, int>();
        int[][] shapes =
        [
            [1, 7, 9, 1, 1, 1, 1, 0, 1], // pointwise: the unfold is skipped
            [3, 7, 9, 4, 1, 1, 1, 0, 3],
            [3, 7, 9, 2, 1, 1, 2, 0, 1],
            [3, 7, 9, 2, 1, 1, 2, 1, 3],
            [1, 7, 9, 1, 3, 3, 1, 0, 1],
            [1, 7, 9, 2, 3, 3, 1, 1, 3],
            [3, 7, 9, 5, 3, 3, 1, 1, 1],
            [3, 7, 9, 4, 3, 3, 2, 0, 3],
            [3, 7, 9, 4, 3, 3, 2, 1, 1],
            [3, 7, 9, 3, 3, 3, 2, 2, 3],
            [1, 7, 9, 2, 5, 5, 1, 0, 3],
            [3, 7, 9, 2, 5, 5, 1, 2, 1],
            [3, 7, 9, 3, 5, 5, 2, 2, 3],
            [3, 9, 7, 2, 5, 5, 2, 1, 1],
            [1, 2, 3, 2, 5, 5, 1, 2, 3], // kernel larger than the image: taps reading only padding
            [2, 11, 6, 3, 3, 5, 3, 2, 2], // non-square kernel, stride 3
            [8, 28, 28, 16, 5, 5, 1, 2, 2], // big enough for the packed GEMM path
            [16, 32, 32, 8, 5, 5, 1, 2, 3], // wide, same-padded 5×5
        ];
        foreach (var s in shapes)
        {
            data.Add(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8]);
        }
        return data;
    }

    private static ConvolutionShape Shape(int cIn, int h, int w, int cOut, int kh, int kw, int stride, int padding)
        => new(cIn, h, w, cOut, kh, kw, stride, padding);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ForwardMatchesDirectLoop(int cIn, int h, int w, int cOut, int kh, int kw, int stride, int padding, int batch)
    {
        var shape = Shape(cIn, h, w, cOut, kh, kw, stride, padding);
        var random = new Random(cIn * 31 + h * 7 + kh * 5 + stride * 3 + padding + batch * 101);
        var x = NaiveProduct.Random(random, batch * shape.InputSize);
        var kernel = NaiveProduct.Random(random, shape.KernelSize);
        var y = NaiveProduct.Random(random, batch * shape.OutputSize); // stale contents must be overwritten
        Convolution.Forward(shape, batch, x, kernel, y, new ConvolutionWorkspace());
        var (expected, scale) = NaiveConvolution.Forward(shape, batch, x, kernel);
        NaiveProduct.AssertClose(expected, scale, y, y.Length);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void InputGradientMatchesDirectLoop(int cIn, int h, int w, int cOut, int kh, int kw, int stride, int padding, int batch)
    {
        var shape = Shape(cIn, h, w, cOut, kh, kw, stride, padding);
        var random = new Random(cIn * 37 + h * 11 + kh * 5 + stride * 3 + padding + batch * 103);
        var dy = NaiveProduct.Random(random, batch * shape.OutputSize);
        var kernel = NaiveProduct.Random(random, shape.KernelSize);
        var dx = NaiveProduct.Random(random, batch * shape.InputSize);
        Convolution.InputGradient(shape, batch, dy, kernel, dx, new ConvolutionWorkspace());
        var (expected, scale) = NaiveConvolution.InputGradient(shape, batch, dy, kernel);
        NaiveProduct.AssertClose(expected, scale, dx, dx.Length);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void KernelGradientMatchesDirectLoop(int cIn, int h, int w, int cOut, int kh, int kw, int stride, int padding, int batch)
    {
        var shape = Shape(cIn, h, w, cOut, kh, kw, stride, padding);
        var random = new Random(cIn * 41 + h * 13 + kh * 5 + stride * 3 + padding + batch * 107);
        var dy = NaiveProduct.Random(random, batch * shape.OutputSize);
        var x = NaiveProduct.Random(random, batch * shape.InputSize);
        var start = NaiveProduct.Random(random, shape.KernelSize);
        var (expected, scale) = NaiveConvolution.KernelGradient(shape, batch, dy, x);
        var workspace = new ConvolutionWorkspace();

        var dK = (float[])start.Clone();
        Convolution.KernelGradient(shape, batch, dy, x, dK, workspace);
        NaiveProduct.AssertClose(expected, scale, dK, dK.Length);

        dK = (float[])start.Clone();
        Convolution.KernelGradient(shape, batch, dy, x, dK, workspace, accumulate: true);
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] += start[i];
            scale[i] += Math.Abs(start[i]);
        }
        NaiveProduct.AssertClose(expected, scale, dK, dK.Length);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GradientsAreAdjointsOfForward(int cIn, int h, int w, int cOut, int kh, int kw, int stride, int padding, int batch)
    {
        var shape = Shape(cIn, h, w, cOut, kh, kw, stride, padding);
        var random = new Random(cIn * 43 + h * 17 + kh * 5 + stride * 3 + padding + batch * 109);
        var x = NaiveProduct.Random(random, batch * shape.InputSize);
        var kernel = NaiveProduct.Random(random, shape.KernelSize);
        var dy = NaiveProduct.Random(random, batch * shape.OutputSize);
        var workspace = new ConvolutionWorkspace();
        var y = new float[dy.Length];
        var dx = new float[x.Length];
        var dK = new float[kernel.Length];
        Convolution.Forward(shape, batch, x, kernel, y, workspace);
        Convolution.InputGradient(shape, batch, dy, kernel, dx, workspace);
        Convolution.KernelGradient(shape, batch, dy, x, dK, workspace);

        double forward = NaiveConvolution.Dot(y, dy);
        double tolerance = 1e-5 * NaiveConvolution.AbsDot(y, dy) + 1e-5 * NaiveConvolution.AbsDot(x, dx) + 1e-30;
        Assert.True(Math.Abs(forward - NaiveConvolution.Dot(x, dx)) <= tolerance,
            $"<Kx, dy> = {forward} but <x, Kᵀdy> = {NaiveConvolution.Dot(x, dx)}");
        tolerance = 1e-5 * NaiveConvolution.AbsDot(y, dy) + 1e-5 * NaiveConvolution.AbsDot(kernel, dK) + 1e-30;
        Assert.True(Math.Abs(forward - NaiveConvolution.Dot(kernel, dK)) <= tolerance,
            $"<Kx, dy> = {forward} but <K, dy⋆x> = {NaiveConvolution.Dot(kernel, dK)}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void UnfoldMatchesDefinitionAndFoldIsItsAdjoint(int cIn, int h, int w, int cOut, int kh, int kw, int stride, int padding, int batch)
    {
        _ = batch;
        var shape = Shape(cIn, h, w, cOut, kh, kw, stride, padding);
        var random = new Random(cIn * 47 + h * 19 + kh * 5 + stride * 3 + padding);
        var image = NaiveProduct.Random(random, shape.InputSize);
        var columns = NaiveProduct.Random(random, shape.ColumnSize);
        Im2Col.Unfold(shape, image, columns);
        for (int c = 0; c < cIn; c++)
        for (int i = 0; i < kh; i++)
        for (int j = 0; j < kw; j++)
        for (int oy = 0; oy < shape.OutputHeight; oy++)
        for (int ox = 0; ox < shape.OutputWidth; ox++)
        {
            int iy = oy * stride - padding + i, ix = ox * stride - padding + j;
            float expected = iy < 0 || iy >= h || ix < 0 || ix >= w ? 0f : image[(c * h + iy) * w + ix];
            int row = (c * kh + i) * kw + j;
            Assert.Equal(expected, columns[row * shape.OutputPixels + oy * shape.OutputWidth + ox]);
        }

        var probe = NaiveProduct.Random(random, shape.ColumnSize);
        var folded = NaiveProduct.Random(random, shape.InputSize);
        var before = (float[])folded.Clone();
        Col2Im.Accumulate(shape, probe, folded);
        var added = new float[folded.Length];
        for (int i = 0; i < added.Length; i++)
        {
            added[i] = folded[i] - before[i];
        }
        double left = NaiveConvolution.Dot(columns, probe);
        double right = NaiveConvolution.Dot(image, added);
        Assert.True(Math.Abs(left - right) <= 1e-5 * NaiveConvolution.AbsDot(columns, probe) + 1e-5,
            $"<unfold x, c> = {left} but <x, fold c> = {right}");
    }

    [Fact]
    public void WorkspaceIsReusedOnceGrown()
    {
        var shape = new ConvolutionShape(3, 7, 9, 4, 3, 3, 1, 1);
        var workspace = new ConvolutionWorkspace();
        var x = new float[2 * shape.InputSize];
        var kernel = new float[shape.KernelSize];
        var y = new float[2 * shape.OutputSize];
        void Step()
        {
            Convolution.Forward(shape, 2, x, kernel, y, workspace);
            Convolution.InputGradient(shape, 2, y, kernel, x, workspace);
            Convolution.KernelGradient(shape, 2, y, x, kernel, workspace, accumulate: true);
        }
        Step(); // first use: the workspace and the GEMM pack buffers grow, code is compiled
        Assert.Equal(shape.ColumnSize, workspace.Capacity);
        for (int r = 0; r < 50; r++)
        {
            Step();
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < 10; r++)
        {
            Step();
        }
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(shape.ColumnSize, workspace.Capacity);
    }

    [Fact]
    public void ShapeComputesOutputSizeAndRejectsImpossibleShapes()
    {
        var shape = new ConvolutionShape(3, 7, 9, 4, 3, 5, 2, 1);
        Assert.Equal((7 + 2 - 3) / 2 + 1, shape.OutputHeight);
        Assert.Equal((9 + 2 - 5) / 2 + 1, shape.OutputWidth);
        Assert.Equal(3 * 3 * 5, shape.ColumnRows);
        Assert.Equal(4 * 3 * 3 * 5, shape.KernelSize);

        Assert.Throws<ArgumentException>(() => new ConvolutionShape(0, 7, 9, 4, 3, 3));
        Assert.Throws<ArgumentException>(() => new ConvolutionShape(3, 0, 9, 4, 3, 3));
        Assert.Throws<ArgumentException>(() => new ConvolutionShape(3, 7, 9, 0, 3, 3));
        Assert.Throws<ArgumentException>(() => new ConvolutionShape(3, 7, 9, 4, 0, 3));
        Assert.Throws<ArgumentException>(() => new ConvolutionShape(3, 7, 9, 4, 3, 3, stride: 0));
        Assert.Throws<ArgumentException>(() => new ConvolutionShape(3, 7, 9, 4, 3, 3, padding: -1));
        Assert.Throws<ArgumentException>(() => new ConvolutionShape(3, 2, 9, 4, 3, 3));
        Assert.Throws<ArgumentException>(() => new ConvolutionShape(3, 7, 4, 4, 3, 6, padding: 0));
        Assert.Throws<ArgumentException>(() => new ConvolutionShape(60000, 60000, 60000, 4, 3, 3));
    }

    [Fact]
    public void ShortSpansAreRejected()
    {
        var shape = new ConvolutionShape(2, 5, 5, 3, 3, 3, 1, 1);
        var workspace = new ConvolutionWorkspace();
        var x = new float[2 * shape.InputSize];
        var kernel = new float[shape.KernelSize];
        var y = new float[2 * shape.OutputSize];
        Assert.Throws<ArgumentException>(() => Convolution.Forward(shape, 2, x.AsSpan(1), kernel, y, workspace));
        Assert.Throws<ArgumentException>(() => Convolution.Forward(shape, 2, x, kernel.AsSpan(1), y, workspace));
        Assert.Throws<ArgumentException>(() => Convolution.InputGradient(shape, 2, y, kernel, x.AsSpan(1), workspace));
        Assert.Throws<ArgumentException>(() => Convolution.KernelGradient(shape, 2, y.AsSpan(1), x, kernel, workspace));
        Assert.Throws<ArgumentException>(() => Convolution.Forward(default, 1, x, kernel, y, workspace));
        Assert.Throws<ArgumentException>(() => Convolution.Forward(shape, -1, x, kernel, y, workspace));
    }
}
