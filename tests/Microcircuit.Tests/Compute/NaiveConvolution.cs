using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;

namespace Microcircuit.Tests.Compute;

/// <summary>
/// Direct-loop convolutions in double, each with the error scale Σ|a·b| per element: the definitions the
/// im2col kernels are judged against.
/// </summary>
internal static class NaiveConvolution
{
    /// <summary>Visits every (b, o, c, oy, ox, i, j) with its in-image input index, output index and kernel index.</summary>
    private static void Each(ConvolutionShape s, int batch, Action<int, int, int> visit)
    {
        for (int b = 0; b < batch; b++)
        for (int o = 0; o < s.OutputChannels; o++)
        for (int c = 0; c < s.InputChannels; c++)
        for (int oy = 0; oy < s.OutputHeight; oy++)
        for (int ox = 0; ox < s.OutputWidth; ox++)
        for (int i = 0; i < s.KernelHeight; i++)
        for (int j = 0; j < s.KernelWidth; j++)
        {
            int iy = oy * s.Stride - s.Padding + i, ix = ox * s.Stride - s.Padding + j;
            if (iy < 0 || iy >= s.Height || ix < 0 || ix >= s.Width)
            {
                continue;
            }
            int input = ((b * s.InputChannels + c) * s.Height + iy) * s.Width + ix;
            int output = ((b * s.OutputChannels + o) * s.OutputHeight + oy) * s.OutputWidth + ox;
            int tap = ((o * s.InputChannels + c) * s.KernelHeight + i) * s.KernelWidth + j;
            visit(input, output, tap);
        }
    }

    public static (double[] Value, double[] Scale) Forward(ConvolutionShape s, int batch, float[] x, float[] kernel)
    {
        var value = new double[batch * s.OutputSize];
        var scale = new double[value.Length];
        Each(s, batch, (input, output, tap) =>
        {
            double product = (double)kernel[tap] * x[input];
            value[output] += product;
            scale[output] += Math.Abs(product);
        });
        return (value, scale);
    }

    public static (double[] Value, double[] Scale) InputGradient(ConvolutionShape s, int batch, float[] dy, float[] kernel)
    {
        var value = new double[batch * s.InputSize];
        var scale = new double[value.Length];
        Each(s, batch, (input, output, tap) =>
        {
            double product = (double)kernel[tap] * dy[output];
            value[input] += product;
            scale[input] += Math.Abs(product);
        });
        return (value, scale);
    }

    public static (double[] Value, double[] Scale) KernelGradient(ConvolutionShape s, int batch, float[] dy, float[] x)
    {
        var value = new double[s.KernelSize];
        var scale = new double[value.Length];
        Each(s, batch, (input, output, tap) =>
        {
            double product = (double)dy[output] * x[input];
            value[tap] += product;
            scale[tap] += Math.Abs(product);
        });
        return (value, scale);
    }

    public static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }
        return sum;
    }

    public static double AbsDot(float[] a, float[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += Math.Abs((double)a[i] * b[i]);
        }
        return sum;
    }
}
