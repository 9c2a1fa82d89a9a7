namespace Microcircuit.Compute.Cpu;

/// <summary>The batch-Manhattan step w ← w − step·sign(m), with or without momentum.</summary>
internal static class SignStepKernel
{
    public static void Step(Span<float> values, ReadOnlySpan<float> gradient, float step, Span<float> velocity, float momentum)
    {
        if (velocity.IsEmpty)
        {
            for (int i = 0; i < values.Length; i++)
            {
                float g = gradient[i];
                values[i] -= g > 0f ? step : g < 0f ? -step : 0f;
            }
            return;
        }
        for (int i = 0; i < values.Length; i++)
        {
            float m = momentum * velocity[i] + gradient[i];
            velocity[i] = m;
            values[i] -= m > 0f ? step : m < 0f ? -step : 0f;
        }
    }
}
