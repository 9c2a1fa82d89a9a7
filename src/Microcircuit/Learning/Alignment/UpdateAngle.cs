namespace Microcircuit.Learning.Alignment;

/// <summary>Angles between update directions (or feedback and forward weights), in degrees.</summary>
public static class UpdateAngle
{
    /// <summary>The angle between two vectors of equal length; NaN when either is all zeros.</summary>
    public static double Degrees(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("Vectors of different lengths have no angle.");
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            ab += (double)a[i] * b[i];
            aa += (double)a[i] * a[i];
            bb += (double)b[i] * b[i];
        }
        if (aa == 0 || bb == 0) return double.NaN;
        double cosine = Math.Clamp(ab / Math.Sqrt(aa * bb), -1.0, 1.0);
        return Math.Acos(cosine) * 180.0 / Math.PI;
    }

    /// <summary>Per layer, the angle between two rules' weight updates for the same batch.</summary>
    public static double[] PerLayer(Gradients a, Gradients b) =>
        Enumerable.Range(0, a.Weights.Length).Select(l => Degrees(a.Weights[l], b.Weights[l])).ToArray();
}
