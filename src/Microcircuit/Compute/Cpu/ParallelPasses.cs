using System.Numerics.Tensors;

namespace Microcircuit.Compute.Cpu;

/// <summary>
/// Element-wise passes shared out in aligned blocks of cells (<see cref="ElementwiseSplit"/>) when a span is long and
/// threads are given: each block runs the single-thread code, so the results are the same bits for any thread count.
/// </summary>
internal static unsafe class ParallelPasses
{
    /// <summary>The LIF step; each block's spike count is a whole number below 2^24, so their sum is the single pass's count exactly.</summary>
    public static float LifStep(in LifConstants cells, GateFunction? gate, ReadOnlySpan<float> input, float scale, Span<float> membrane, Span<float> spikes,
        Span<float> trace, Span<float> gateOut, int threads, ref float[]? blockCounts)
    {
        int parts = ElementwiseSplit.Parts(input.Length, threads);
        if (parts == 1) return LifKernel.Step(cells, gate, input, scale, membrane, spikes, trace, gateOut);
        return LifStepSplit(cells, gate, input, scale, membrane, spikes, trace, gateOut, parts, ref blockCounts);
    }

    /// <summary>The LIF step in <paramref name="parts"/> blocks (a method of its own: its closure is allocated only when it runs).</summary>
    private static float LifStepSplit(LifConstants constants, GateFunction? gate, ReadOnlySpan<float> input, float scale, Span<float> membrane,
        Span<float> spikes, Span<float> trace, Span<float> gateOut, int parts, ref float[]? blockCounts)
    {
        int n = input.Length;
        if (membrane.Length < n || spikes.Length < n || trace.Length < n || (gate is not null && gateOut.Length < n))
            throw new ArgumentException("LIF state spans are shorter than the input current.");
        if (blockCounts is null || blockCounts.Length < parts) blockCounts = new float[parts];
        var counts = blockCounts;
        bool gated = gate is not null;
        fixed (float* pi = input)
        fixed (float* pu = membrane)
        fixed (float* ps = spikes)
        fixed (float* pa = trace)
        fixed (float* pg = gateOut)
        {
            nint i0 = (nint)pi, u0 = (nint)pu, s0 = (nint)ps, a0 = (nint)pa, g0 = (nint)pg;
            ElementwiseSplit.Run(parts, n, (part, start, end) => counts[part] = LifKernel.Step(constants, gate,
                new ReadOnlySpan<float>((float*)i0 + start, end - start), scale, new Span<float>((float*)u0 + start, end - start),
                new Span<float>((float*)s0 + start, end - start), new Span<float>((float*)a0 + start, end - start),
                gated ? new Span<float>((float*)g0 + start, end - start) : []));
        }
        float count = 0f;
        for (int part = 0; part < parts; part++) count += counts[part];
        return count;
    }

    /// <summary>ε ← decay·ε + trace.</summary>
    public static void Eligibility(float decay, ReadOnlySpan<float> trace, Span<float> eligibility, int threads)
    {
        int n = trace.Length;
        eligibility = eligibility[..n];
        int parts = ElementwiseSplit.Parts(n, threads);
        if (parts == 1) TensorPrimitives.MultiplyAdd(eligibility, decay, trace, eligibility);
        else EligibilitySplit(decay, trace, eligibility, parts);
    }

    private static void EligibilitySplit(float decay, ReadOnlySpan<float> trace, Span<float> eligibility, int parts)
    {
        int n = trace.Length;
        fixed (float* pt = trace)
        fixed (float* pe = eligibility)
        {
            nint t0 = (nint)pt, e0 = (nint)pe;
            ElementwiseSplit.Run(parts, n, (_, start, end) =>
            {
                var e = new Span<float>((float*)e0 + start, end - start);
                TensorPrimitives.MultiplyAdd(e, decay, new ReadOnlySpan<float>((float*)t0 + start, end - start), e);
            });
        }
    }
}
