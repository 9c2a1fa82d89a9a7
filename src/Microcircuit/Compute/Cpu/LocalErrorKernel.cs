using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Microcircuit.Compute.Cpu;

/// <summary>
/// A cell's local error δ = g ⊙ v, its excitability gate times its apical potential, formed in one pass with the first
/// layer's collapsed Hebbian sum Σ_t c[t]·δ[t] when the input is constant (see <c>HebbianPlasticity</c> (Learning)): the
/// same numbers as the product followed by a separate multiply-add.
/// </summary>
internal static class LocalErrorKernel
{
    /// <summary>δ = g ⊙ v into <paramref name="delta"/> (which may be <paramref name="potential"/> itself).</summary>
    /// <param name="threads">Long spans are shared out in aligned blocks (<see cref="ElementwiseSplit"/>): the same bits.</param>
    public static void Product(ReadOnlySpan<float> gate, ReadOnlySpan<float> potential, Span<float> delta, int threads = 1)
    {
        int n = potential.Length;
        if (gate.Length < n || delta.Length < n) throw new ArgumentException("Local-error spans are shorter than the potential.");
        int parts = ElementwiseSplit.Parts(n, threads);
        if (parts > 1)
        {
            Split(gate[..n], potential, delta[..n], [], 0f, parts);
            return;
        }
        TensorPrimitives.Multiply(gate[..n], potential, delta[..n]);
    }

    /// <summary>δ = g ⊙ v into <paramref name="delta"/> (which may be <paramref name="potential"/> itself), and <paramref name="inputSum"/> += c·δ.</summary>
    /// <param name="threads">As in <see cref="Product"/>.</param>
    public static void Form(ReadOnlySpan<float> gate, ReadOnlySpan<float> potential, Span<float> delta, Span<float> inputSum, float gain, int threads = 1)
    {
        int n = potential.Length;
        if (gate.Length < n || delta.Length < n || inputSum.Length < n) throw new ArgumentException("Local-error spans are shorter than the potential.");
        int parts = ElementwiseSplit.Parts(n, threads);
        if (parts > 1)
        {
            Split(gate[..n], potential, delta[..n], inputSum[..n], gain, parts);
            return;
        }
        FormBlock(gate, potential, delta, inputSum, gain);
    }

    /// <summary>Either pass on blocks of cells, one thread each (an empty <paramref name="inputSum"/> means the product alone).</summary>
    private static unsafe void Split(ReadOnlySpan<float> gate, ReadOnlySpan<float> potential, Span<float> delta, Span<float> inputSum, float gain, int parts)
    {
        int n = potential.Length;
        bool withSum = !inputSum.IsEmpty;
        fixed (float* pg = gate)
        fixed (float* pv = potential)
        fixed (float* pd = delta)
        fixed (float* ps = inputSum)
        {
            nint g0 = (nint)pg, v0 = (nint)pv, d0 = (nint)pd, s0 = (nint)ps;
            ElementwiseSplit.Run(parts, n, (_, start, end) =>
            {
                int length = end - start;
                var g = new ReadOnlySpan<float>((float*)g0 + start, length);
                var v = new ReadOnlySpan<float>((float*)v0 + start, length);
                var d = new Span<float>((float*)d0 + start, length);
                if (withSum) FormBlock(g, v, d, new Span<float>((float*)s0 + start, length), gain);
                else TensorPrimitives.Multiply(g, v, d);
            });
        }
    }

    private static void FormBlock(ReadOnlySpan<float> gate, ReadOnlySpan<float> potential, Span<float> delta, Span<float> inputSum, float gain)
    {
        int n = potential.Length, i = 0;
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
