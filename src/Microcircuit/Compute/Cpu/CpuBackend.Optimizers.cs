namespace Microcircuit.Compute.Cpu;

public sealed partial class CpuBackend
{
    public void AdamStep(Span<float> weights, ReadOnlySpan<float> gradient, Span<float> firstMoment, Span<float> secondMoment, in AdamConstants constants) =>
        AdamKernel.Step(weights, gradient, firstMoment, secondMoment, constants);

    public void SignStep(Span<float> weights, ReadOnlySpan<float> gradient, float step, Span<float> velocity, float momentum) =>
        SignStepKernel.Step(weights, gradient, step, velocity, momentum);

    public bool ClampAndCheck(Span<float> values, float limit) => ClampKernel.ClampAndCheck(values, limit);

    public void KeepSigns(Span<float> weights, ReadOnlySpan<float> signs) => ClampKernel.KeepSigns(weights, signs);
}
