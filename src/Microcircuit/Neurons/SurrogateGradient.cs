using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Numerics.Tensors;
using Microcircuit.Errors;

namespace Microcircuit.Neurons;

/// <summary>
/// The excitability gate g_l[t], a derivative proxy of spike with respect to membrane potential that the cell
/// itself can know (PAPER.md §2). Time-local rules multiply their error signals by it; BPTT uses it as ∂s/∂u.
/// </summary>
public readonly record struct SurrogateGradient(GateKind Kind = GateKind.Logistic, float Width = 0.2f)
{
    public static SurrogateGradient Default => new(GateKind.Logistic, 0.2f);

    private const float Clip = 8f;

    public void Validate()
    {
        if (Kind != GateKind.None && (!(Width > 0f) || float.IsInfinity(Width)))
            throw new MicrocircuitException(ErrorKind.InvalidOption, $"--gate-width must be a positive number (got {Width}).");
    }

    /// <summary>Turns σ into σ(1 − σ)/α in place.</summary>
    private static void LogisticSlope(Span<float> sigma, float inverseWidth)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var inv = Vector256.Create(inverseWidth);
            ref float g0 = ref MemoryMarshal.GetReference(sigma);
            for (; i <= sigma.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var s = Vector256.LoadUnsafe(ref g0, (nuint)i);
                ((s - s * s) * inv).StoreUnsafe(ref g0, (nuint)i);
            }
        }
        for (; i < sigma.Length; i++)
            sigma[i] = (sigma[i] - sigma[i] * sigma[i]) * inverseWidth;
    }

    /// <summary>g for one membrane value.</summary>
    public float Evaluate(float membrane, float threshold)
    {
        switch (Kind)
        {
            case GateKind.Logistic:
                float z = Math.Clamp((membrane - threshold) / Width, -Clip, Clip);
                float s = 1f / (1f + MathF.Exp(-z));
                return s * (1f - s) / Width;
            case GateKind.Boxcar:
                return MathF.Abs(membrane - threshold) < Width ? 0.5f / Width : 0f;
            default:
                return 1f;
        }
    }

    /// <summary>g for a whole population; <paramref name="gate"/> may not alias <paramref name="membrane"/>.</summary>
    public void Evaluate(ReadOnlySpan<float> membrane, float threshold, Span<float> gate)
    {
        gate = gate[..membrane.Length];
        switch (Kind)
        {
            case GateKind.Logistic:
                float inv = 1f / Width;
                TensorPrimitives.Multiply(membrane, inv, gate);
                TensorPrimitives.Add(gate, -threshold * inv, gate);
                TensorPrimitives.Max(gate, -Clip, gate);
                TensorPrimitives.Min(gate, Clip, gate);
                TensorPrimitives.Sigmoid(gate, gate);
                LogisticSlope(gate, inv);
                break;
            case GateKind.Boxcar:
                for (int i = 0; i < membrane.Length; i++)
                    gate[i] = MathF.Abs(membrane[i] - threshold) < Width ? 0.5f / Width : 0f;
                break;
            default:
                gate.Fill(1f);
                break;
        }
    }
}
