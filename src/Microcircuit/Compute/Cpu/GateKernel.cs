namespace Microcircuit.Compute.Cpu;

/// <summary>The excitability gate g(u) over a population (the numbers the fused LIF step writes).</summary>
internal static class GateKernel
{
    /// <summary>g for every value of <paramref name="membrane"/>; <paramref name="gate"/> may not alias it.</summary>
    public static void Evaluate(in GateFunction function, ReadOnlySpan<float> membrane, Span<float> gate)
    {
        gate = gate[..membrane.Length];
        float threshold = function.Threshold, width = function.Width;
        switch (function.Curve)
        {
            case GateCurve.Logistic:
                LogisticGate.Evaluate(membrane, threshold, width, gate);
                break;
            case GateCurve.Boxcar:
                for (int i = 0; i < membrane.Length; i++)
                    gate[i] = MathF.Abs(membrane[i] - threshold) < width ? 0.5f / width : 0f;
                break;
            default:
                gate.Fill(1f);
                break;
        }
    }
}
