namespace Microcircuit.Compute.Cpu;

public sealed partial class CpuBackend
{
    public void LocalError(ReadOnlySpan<float> gate, ReadOnlySpan<float> potential, Span<float> delta) =>
        LocalErrorKernel.Product(gate, potential, delta, Threads);

    public void LocalErrorWithSum(ReadOnlySpan<float> gate, ReadOnlySpan<float> potential, Span<float> delta, Span<float> inputSum, float gain) =>
        LocalErrorKernel.Form(gate, potential, delta, inputSum, gain, Threads);

    public void SplitSigns(ReadOnlySpan<float> delta, Span<float> plus, Span<float> minus) => SignSplitKernel.Split(delta, plus, minus);

    public void MembraneAdjoint(ReadOnlySpan<float> da, ReadOnlySpan<float> u, ReadOnlySpan<float> s, ReadOnlySpan<float> g, ReadOnlySpan<float> duNext,
        Span<float> du, float beta, float gain, bool detachReset) =>
        MembraneAdjointKernel.Recorded(da, u, s, g, duNext, du, beta, gain, detachReset);

    public void MembraneAdjointDerived(ReadOnlySpan<float> da, ReadOnlySpan<float> u, ReadOnlySpan<float> duNext, Span<float> du, float beta, float gain,
        bool detachReset, in GateFunction gate) =>
        MembraneAdjointKernel.Derived(da, u, duNext, du, beta, gain, detachReset, gate);
}
