using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;

namespace Microcircuit.Tests.Compute;

public class AveragePoolingTests
{
    [Theory]
    [InlineData(1, 4, 4, 2)]
    [InlineData(3, 7, 9, 2)] // trailing row and column dropped
    [InlineData(6, 9, 7, 3)]
    [InlineData(2, 5, 5, 1)]
    [InlineData(1, 6, 8, 6)]
    public void ForwardAndBackwardMatchDirectLoops(int planes, int height, int width, int window)
    {
        var random = new Random(planes * 31 + height * 7 + width * 3 + window);
        int outHeight = height / window, outWidth = width / window;
        Assert.Equal((outHeight, outWidth), AveragePooling.OutputSize(height, width, window));
        var x = NaiveProduct.Random(random, planes * height * width);
        var y = NaiveProduct.Random(random, planes * outHeight * outWidth);
        AveragePooling.Forward(planes, height, width, window, x, y);
        var dy = NaiveProduct.Random(random, y.Length);
        var dx = NaiveProduct.Random(random, x.Length);
        AveragePooling.Backward(planes, height, width, window, dy, dx);

        var expectedY = new double[y.Length];
        var scaleY = new double[y.Length];
        var expectedDx = new double[x.Length];
        var scaleDx = new double[x.Length];
        for (int p = 0; p < planes; p++)
        for (int oy = 0; oy < outHeight; oy++)
        for (int ox = 0; ox < outWidth; ox++)
        {
            int output = (p * outHeight + oy) * outWidth + ox;
            for (int i = 0; i < window; i++)
            for (int j = 0; j < window; j++)
            {
                int input = (p * height + oy * window + i) * width + ox * window + j;
                expectedY[output] += (double)x[input] / (window * window);
                scaleY[output] += Math.Abs((double)x[input]) / (window * window);
                expectedDx[input] += (double)dy[output] / (window * window);
                scaleDx[input] += Math.Abs((double)dy[output]) / (window * window);
            }
        }
        NaiveProduct.AssertClose(expectedY, scaleY, y, y.Length);
        NaiveProduct.AssertClose(expectedDx, scaleDx, dx, dx.Length);

        double left = NaiveConvolution.Dot(y, dy), right = NaiveConvolution.Dot(x, dx);
        Assert.True(Math.Abs(left - right) <= 1e-5 * NaiveConvolution.AbsDot(y, dy) + 1e-30, $"<Px, dy> = {left} but <x, Pᵀdy> = {right}");
    }

    [Fact]
    public void ImpossibleWindowsAndShortSpansAreRejected()
    {
        var x = new float[2 * 4 * 4];
        var y = new float[2 * 2 * 2];
        Assert.Throws<ArgumentException>(() => AveragePooling.Forward(2, 4, 4, 0, x, y));
        Assert.Throws<ArgumentException>(() => AveragePooling.Forward(2, 4, 4, 5, x, y));
        Assert.Throws<ArgumentException>(() => AveragePooling.Forward(2, 4, 4, 2, x.AsSpan(1), y));
        Assert.Throws<ArgumentException>(() => AveragePooling.Backward(2, 4, 4, 2, y.AsSpan(1), x));
    }
}
