using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Microcircuit.Compute.Cpu;

/// <summary>
/// The logistic gate g = σ'(z)/α with z = clip((u − θ)/α, −8, 8), in one pass. With e = exp(−|z|),
/// σ'(z) = e/(1 + e)². exp is evaluated on [−8, 0] by range reduction (x = k·ln 2 + r, |r| ≤ ln 2 / 2) and a
/// degree-6 polynomial (relative error below 2 × 10⁻⁷). The vector and scalar forms perform the same operations in
/// the same order, so every element gets the same value either way.
/// </summary>
internal static class LogisticGate
{
    private const float Clip = 8f;
    private const float Log2E = 1.44269504f;
    private const float Ln2High = 0.693359375f;      // ln 2 split so k·Ln2High is exact
    private const float Ln2Low = -2.12194440e-4f;
    private const float C2 = 1f / 2, C3 = 1f / 6, C4 = 1f / 24, C5 = 1f / 120, C6 = 1f / 720;

    public static void Evaluate(ReadOnlySpan<float> membrane, float threshold, float width, Span<float> gate)
    {
        int n = membrane.Length, i = 0;
        float inverse = 1f / width, offset = -threshold * inverse;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float u0 = ref MemoryMarshal.GetReference(membrane);
            ref float g0 = ref MemoryMarshal.GetReference(gate);
            var vInverse = Vector256.Create(inverse);
            var vOffset = Vector256.Create(offset);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
                Slope(Vector256.LoadUnsafe(ref u0, (nuint)i), vInverse, vOffset).StoreUnsafe(ref g0, (nuint)i);
        }
        for (; i < n; i++) gate[i] = Slope(membrane[i], inverse, offset);
    }

    public static float Evaluate(float membrane, float threshold, float width)
    {
        float inverse = 1f / width;
        return Slope(membrane, inverse, -threshold * inverse);
    }

    /// <summary>g for 8 membrane values, given 1/α and −θ/α.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Slope(Vector256<float> membrane, Vector256<float> inverse, Vector256<float> offset)
    {
        var z = Vector256.FusedMultiplyAdd(membrane, inverse, offset);
        var x = -Vector256.Min(Vector256.Abs(z), Vector256.Create(Clip));
        var e = Exp(x);
        var d = Vector256<float>.One + e;
        return e / (d * d) * inverse;
    }

    /// <summary>g for one membrane value, given 1/α and −θ/α.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Slope(float membrane, float inverse, float offset)
    {
        float z = MathF.FusedMultiplyAdd(membrane, inverse, offset);
        float x = -MathF.Min(MathF.Abs(z), Clip);
        float e = Exp(x);
        float d = 1f + e;
        return e / (d * d) * inverse;
    }

    /// <summary>exp(x) for x in [−8, 0].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Exp(Vector256<float> x)
    {
        var k = Vector256.Round(x * Vector256.Create(Log2E));
        var r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2High), x);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Low), r);
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(C6), r, Vector256.Create(C5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        var scale = Vector256.ShiftLeft(Vector256.ConvertToInt32(k) + Vector256.Create(127), 23).AsSingle();
        return p * scale;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Exp(float x)
    {
        float k = MathF.Round(x * Log2E);
        float r = MathF.FusedMultiplyAdd(k, -Ln2High, x);
        r = MathF.FusedMultiplyAdd(k, -Ln2Low, r);
        float p = MathF.FusedMultiplyAdd(C6, r, C5);
        p = MathF.FusedMultiplyAdd(p, r, C4);
        p = MathF.FusedMultiplyAdd(p, r, C3);
        p = MathF.FusedMultiplyAdd(p, r, C2);
        p = MathF.FusedMultiplyAdd(p, r, 1f);
        p = MathF.FusedMultiplyAdd(p, r, 1f);
        return p * BitConverter.Int32BitsToSingle(((int)k + 127) << 23);
    }
}
