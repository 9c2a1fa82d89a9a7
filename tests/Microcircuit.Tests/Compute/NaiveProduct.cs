using Xunit;

namespace Microcircuit.Tests.Compute;

/// <summary>Reference products in double, plus the error scale Σ|a||b| (+|c₀|) each element is judged against.</summary>
internal static class NaiveProduct
{
    /// <summary>Element (i,p) of A and (p,j) of B read through the stored layout.</summary>
    public static (double[] Value, double[] Scale) Compute(string layout, float[] a, float[] b, float[] c0, int m, int n, int k, bool accumulate)
    {
        var value = new double[m * n];
        var scale = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c0[i * n + j] : 0.0;
                double size = accumulate ? Math.Abs(c0[i * n + j]) : 0.0;
                for (int p = 0; p < k; p++)
                {
                    double x = layout == "TN" ? a[p * m + i] : a[i * k + p];
                    double y = layout == "NT" ? b[j * k + p] : b[p * n + j];
                    sum += x * y;
                    size += Math.Abs(x * y);
                }
                value[i * n + j] = sum;
                scale[i * n + j] = size;
            }
        }
        return (value, scale);
    }

    public static float[] Random(Random random, int length)
    {
        var data = new float[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (float)(random.NextDouble() * 2.0 - 1.0);
        }
        return data;
    }

    public static void AssertClose(double[] expected, double[] scale, float[] actual, int count)
    {
        for (int i = 0; i < count; i++)
        {
            double tolerance = 1e-5 * scale[i] + 1e-30;
            double error = Math.Abs(actual[i] - expected[i]);
            Assert.True(error <= tolerance, $"element {i}: got {actual[i]}, expected {expected[i]} (error {error:g3} > {tolerance:g3})");
        }
    }
}
