using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Microcircuit.Circuits;

/// <summary>
/// A cell's local error δ = g ⊙ v, its excitability gate times its apical potential, formed in one pass with the first
/// layer's collapsed Hebbian sum Σ_t c[t]·δ[t] when the input is constant (see <see cref="HebbianPlasticity"/>): the
/// same numbers as the product followed by a separate multiply-add.
/// </summary>
internal static class LocalError
{
    /// <summary>δ = g ⊙ v into <paramref name="delta"/> (which may be <paramref name="potential"/> itself), and <paramref name="inputSum"/> += c·δ.</summary>
    public static void Form(ReadOnlySpan<float> gate, ReadOnlySpan<float> potential, Span<float> delta, Span<float> inputSum, float gain)
    {
        int n = potential.Length, i = 0;
        if (gate.Length < n || delta.Length < n || inputSum.Length < n) throw new ArgumentException("Local-error spans are shorter than the potential.");
        ref float g0 = ref MemoryMarshal.GetReference(gate);
        ref float v0 = ref MemoryMarshal.GetReference(potential);
        ref float d0 = ref MemoryMarshal.GetReference(delta);
        ref float s0 = ref MemoryMarshal.GetReference(inputSum);
        if (Vector256.IsHardwareAccelerated)
        {
            var c = Vector256.Create(gain);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var d = Vector256.LoadUnsafe(ref g0, (nuint)i) * Vector256.LoadUnsafe(ref v0, (nuint)i);
                d.StoreUnsafe(ref d0, (nuint)i);
                (d * c + Vector256.LoadUnsafe(ref s0, (nuint)i)).StoreUnsafe(ref s0, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float d = gate[i] * potential[i];
            delta[i] = d;
            inputSum[i] = d * gain + inputSum[i];
        }
    }
}
