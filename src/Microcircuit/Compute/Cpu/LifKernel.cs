using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Microcircuit.Compute.Cpu;

/// <summary>
/// The CPU kernel of the LIF step with synaptic traces (docs/paper.md §2), over flat
/// [batch × neurons] spans. Reset to zero after a spike, strict threshold.
/// </summary>
public static class LifKernel
{
    /// <summary>
    /// Advances every cell one step. <paramref name="spikes"/> holds s[t−1] on entry and s[t] on exit;
    /// <paramref name="membrane"/> holds u[t−1] then u[t] (the pre-reset potential the gate reads);
    /// <paramref name="trace"/> holds a[t−1] then a[t].
    /// </summary>
    /// <returns>How many cells fired.</returns>
    public static float Step(in LifConstants p, ReadOnlySpan<float> current, Span<float> membrane, Span<float> spikes, Span<float> trace) =>
        Step(p, current, 1f, membrane, spikes, trace, default(NoGate), []);

    /// <summary>
    /// Advances every cell one step from the current I = <paramref name="scale"/>·<paramref name="input"/> (a constant
    /// input's projection times the trace's unit response; scale 1 for a current as it is) and, when
    /// <paramref name="gate"/> is given, writes the excitability gate of the new potential into <paramref name="gateOut"/>
    /// in the same pass: the same numbers as scaling, stepping and evaluating the gate one after the other.
    /// </summary>
    /// <returns>How many cells fired.</returns>
    public static float Step(in LifConstants p, GateFunction? gate, ReadOnlySpan<float> input, float scale,
        Span<float> membrane, Span<float> spikes, Span<float> trace, Span<float> gateOut)
    {
        if (gate is not { } g) return Step(p, input, scale, membrane, spikes, trace, default(NoGate), gateOut);
        if (g.Curve == GateCurve.Logistic) return Step(p, input, scale, membrane, spikes, trace, new LogisticShape(p.Threshold, g.Width), gateOut);
        if (g.Curve == GateCurve.Boxcar) return Step(p, input, scale, membrane, spikes, trace, new BoxcarShape(p.Threshold, g.Width), gateOut);
        return Step(p, input, scale, membrane, spikes, trace, default(FlatShape), gateOut);
    }

    private static float Step<TGate>(in LifConstants p, ReadOnlySpan<float> input, float scale, Span<float> membrane, Span<float> spikes,
        Span<float> trace, TGate gate, Span<float> gateOut) where TGate : struct, IGateShape
    {
        int n = input.Length;
        if (membrane.Length < n || spikes.Length < n || trace.Length < n || (gate.Writes && gateOut.Length < n))
            throw new ArgumentException("LIF state spans are shorter than the input current.");

        float dm = p.MembraneDecay, ds = p.TraceDecay, gain = p.TraceGain, theta = p.Threshold;
        ref float i0 = ref MemoryMarshal.GetReference(input);
        ref float u0 = ref MemoryMarshal.GetReference(membrane);
        ref float s0 = ref MemoryMarshal.GetReference(spikes);
        ref float a0 = ref MemoryMarshal.GetReference(trace);
        ref float g0 = ref MemoryMarshal.GetReference(gateOut);
        int k = 0;
        float count = 0f;
        if (Vector256.IsHardwareAccelerated)
        {
            var counts = Vector256<float>.Zero;   // per lane at most n/8 < 2^24: exact
            var vdm = Vector256.Create(dm);
            var vds = Vector256.Create(ds);
            var vgain = Vector256.Create(gain);
            var vtheta = Vector256.Create(theta);
            var vscale = Vector256.Create(scale);
            var one = Vector256<float>.One;
            for (; k <= n - Vector256<float>.Count; k += Vector256<float>.Count)
            {
                var s = Vector256.LoadUnsafe(ref s0, (nuint)k);
                var u = vdm * Vector256.LoadUnsafe(ref u0, (nuint)k) * (one - s) + vscale * Vector256.LoadUnsafe(ref i0, (nuint)k);
                var fired = Vector256.GreaterThan(u, vtheta) & one;
                var a = vds * Vector256.LoadUnsafe(ref a0, (nuint)k) + fired * vgain;
                u.StoreUnsafe(ref u0, (nuint)k);
                fired.StoreUnsafe(ref s0, (nuint)k);
                a.StoreUnsafe(ref a0, (nuint)k);
                if (gate.Writes) gate.Of(u).StoreUnsafe(ref g0, (nuint)k);
                counts += fired;
            }
            count = Vector256.Sum(counts);
        }
        for (; k < n; k++)
        {
            float u = dm * Unsafe.Add(ref u0, k) * (1f - Unsafe.Add(ref s0, k)) + scale * Unsafe.Add(ref i0, k);
            float fired = u > theta ? 1f : 0f;
            Unsafe.Add(ref u0, k) = u;
            Unsafe.Add(ref s0, k) = fired;
            Unsafe.Add(ref a0, k) = ds * Unsafe.Add(ref a0, k) + fired * gain;
            if (gate.Writes) Unsafe.Add(ref g0, k) = gate.Of(u);
            count += fired;
        }
        return count;
    }
}
