using System.Numerics.Tensors;

namespace Microcircuit.Compute.Cpu;

public sealed partial class CpuBackend
{
    public float LifStep(in LifConstants cells, GateFunction? gate, ReadOnlySpan<float> input, float scale, Span<float> membrane, Span<float> spikes,
        Span<float> trace, Span<float> gateOut) =>
        ParallelPasses.LifStep(cells, gate, input, scale, membrane, spikes, trace, gateOut, Threads, ref t_blockCounts);

    public void EvaluateGate(in GateFunction gate, ReadOnlySpan<float> membrane, Span<float> gateOut) => GateKernel.Evaluate(gate, membrane, gateOut);

    public void Filter(float decay, float gain, ReadOnlySpan<float> input, Span<float> trace)
    {
        TensorPrimitives.Multiply(trace, decay, trace);
        TensorPrimitives.MultiplyAdd(input, gain, trace, trace);
    }

    public void Eligibility(float decay, ReadOnlySpan<float> trace, Span<float> eligibility) =>
        ParallelPasses.Eligibility(decay, trace, eligibility, Threads);
}
