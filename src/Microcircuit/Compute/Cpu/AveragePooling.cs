namespace Microcircuit.Compute.Cpu;

/// <summary>
/// Non-overlapping average pooling on [planes × H × W] data (planes = batch·channels): window w×w, stride w,
/// output [planes × ⌊H/w⌋ × ⌊W/w⌋]. Trailing rows and columns that fill no whole window are dropped.
/// </summary>
public static class AveragePooling
{
    /// <summary>
    /// y = mean of each w×w window of x (y is overwritten). With several <paramref name="threads"/> many planes are
    /// shared out in blocks of whole planes: the same bits.
    /// </summary>
    public static void Forward(int planes, int height, int width, int window, ReadOnlySpan<float> x, Span<float> y, int threads = 1)
    {
        var (outHeight, outWidth) = Check(planes, height, width, window, x.Length, nameof(x), y.Length, nameof(y));
        int parts = ElementwiseSplit.Parts(planes, threads, height * width);
        if (parts > 1)
        {
            OverPlanes(Forward, planes, height, width, window, x, y, height * width, outHeight * outWidth, parts);
            return;
        }
        float scale = 1f / (window * window);
        for (int p = 0; p < planes; p++)
        {
            var plane = x.Slice(p * height * width, height * width);
            var pooled = y.Slice(p * outHeight * outWidth, outHeight * outWidth);
            for (int oy = 0; oy < outHeight; oy++)
            {
                var line = pooled.Slice(oy * outWidth, outWidth);
                line.Clear();
                for (int i = 0; i < window; i++)
                {
                    var source = plane.Slice((oy * window + i) * width, outWidth * window);
                    for (int ox = 0; ox < outWidth; ox++)
                    {
                        var cell = source.Slice(ox * window, window);
                        float sum = 0f;
                        for (int j = 0; j < window; j++)
                        {
                            sum += cell[j];
                        }
                        line[ox] += sum;
                    }
                }
                for (int ox = 0; ox < outWidth; ox++)
                {
                    line[ox] *= scale;
                }
            }
        }
    }

    /// <summary>
    /// dx = each error of dy spread evenly (÷ w²) over its window; the adjoint of <see cref="Forward"/>.
    /// dx is overwritten, with zero on dropped trailing rows and columns. Threads as in <see cref="Forward"/>.
    /// </summary>
    public static void Backward(int planes, int height, int width, int window, ReadOnlySpan<float> dy, Span<float> dx, int threads = 1)
    {
        var (outHeight, outWidth) = Check(planes, height, width, window, dx.Length, nameof(dx), dy.Length, nameof(dy));
        int parts = ElementwiseSplit.Parts(planes, threads, height * width);
        if (parts > 1)
        {
            OverPlanes(Backward, planes, height, width, window, dy, dx, outHeight * outWidth, height * width, parts);
            return;
        }
        float scale = 1f / (window * window);
        for (int p = 0; p < planes; p++)
        {
            var plane = dx.Slice(p * height * width, height * width);
            var pooled = dy.Slice(p * outHeight * outWidth, outHeight * outWidth);
            if (outHeight * window < height || outWidth * window < width)
            {
                plane.Clear();
            }
            for (int oy = 0; oy < outHeight; oy++)
            {
                var line = pooled.Slice(oy * outWidth, outWidth);
                for (int i = 0; i < window; i++)
                {
                    var target = plane.Slice((oy * window + i) * width, outWidth * window);
                    for (int ox = 0; ox < outWidth; ox++)
                    {
                        target.Slice(ox * window, window).Fill(line[ox] * scale);
                    }
                }
            }
        }
    }

    private delegate void PlanePass(int planes, int height, int width, int window, ReadOnlySpan<float> source, Span<float> target, int threads);

    /// <summary>Runs <paramref name="pass"/> on blocks of whole planes, one thread each; kept apart so one thread allocates no closure.</summary>
    private static unsafe void OverPlanes(PlanePass pass, int planes, int height, int width, int window, ReadOnlySpan<float> source,
        Span<float> target, int sourcePlane, int targetPlane, int parts)
    {
        fixed (float* ps = source)
        fixed (float* pt = target)
        {
            nint s0 = (nint)ps, t0 = (nint)pt;
            ElementwiseSplit.Run(parts, planes, (_, start, end) => pass(end - start, height, width, window,
                new ReadOnlySpan<float>((float*)s0 + (long)start * sourcePlane, (end - start) * sourcePlane),
                new Span<float>((float*)t0 + (long)start * targetPlane, (end - start) * targetPlane), 1));
        }
    }

    /// <summary>Output height and width for a w×w window, stride w.</summary>
    public static (int Height, int Width) OutputSize(int height, int width, int window) => (height / window, width / window);

    private static (int Height, int Width) Check(int planes, int height, int width, int window,
        int imageLength, string imageName, int pooledLength, string pooledName)
    {
        if (planes < 0 || height < 1 || width < 1)
        {
            throw new ArgumentException($"Pooling needs planes ≥ 0 and a non-empty image (got {planes} × {height} × {width}).");
        }
        if (window < 1 || window > height || window > width)
        {
            throw new ArgumentException($"A {window}×{window} window does not fit a {height}×{width} image.", nameof(window));
        }
        var (outHeight, outWidth) = OutputSize(height, width, window);
        ConvolutionArguments.Need(imageLength, (long)planes * height * width, imageName);
        ConvolutionArguments.Need(pooledLength, (long)planes * outHeight * outWidth, pooledName);
        return (outHeight, outWidth);
    }
}
