using Microcircuit.Compute;

namespace Microcircuit.Tests.Compute;

/// <summary>
/// A back end that hands every call to another one and counts it by operation: a test sees what a step asked the back
/// end for. Overloads of one name are told apart by what their second argument is ("Add" for two spans, "Add(scalar)").
/// </summary>
internal class CountingBackend(IComputeBackend inner) : IComputeBackend
{
    private readonly Dictionary<string, long> _calls = [];

    public IReadOnlyDictionary<string, long> Calls => _calls;

    public string Device => inner.Device + ", counted";
    public int Threads => inner.Threads;

    /// <summary>The key an interface method is counted under (what <see cref="Calls"/> holds).</summary>
    public static string KeyOf(System.Reflection.MethodInfo method)
    {
        var parameters = method.GetParameters();
        return parameters.Length > 1 && parameters[1].ParameterType == typeof(float) ? method.Name + "(scalar)" : method.Name;
    }

    private void Hit(string key)
    {
        lock (_calls) _calls[key] = _calls.GetValueOrDefault(key) + 1;
    }

    public void GemmNN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate)
    { Hit(nameof(GemmNN)); inner.GemmNN(a, b, c, m, n, k, accumulate); }

    public void GemmNT(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate)
    { Hit(nameof(GemmNT)); inner.GemmNT(a, b, c, m, n, k, accumulate); }

    public void GemmTN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate)
    { Hit(nameof(GemmTN)); inner.GemmTN(a, b, c, m, n, k, accumulate); }

    public void SpikeGemm(ReadOnlySpan<float> spikes, ReadOnlySpan<float> transposedWeights, Span<float> c, int m, int n, int k, bool accumulate)
    { Hit(nameof(SpikeGemm)); inner.SpikeGemm(spikes, transposedWeights, c, m, n, k, accumulate); }

    public void Transpose(ReadOnlySpan<float> source, Span<float> destination, int rows, int columns)
    { Hit(nameof(Transpose)); inner.Transpose(source, destination, rows, columns); }

    public void ConvolutionForward(in ConvolutionShape shape, int batch, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, Span<float> y, KernelScratch scratch)
    { Hit(nameof(ConvolutionForward)); inner.ConvolutionForward(shape, batch, x, kernel, y, scratch); }

    public void ConvolutionInputGradient(in ConvolutionShape shape, int batch, ReadOnlySpan<float> dy, ReadOnlySpan<float> kernel, Span<float> dx, KernelScratch scratch)
    { Hit(nameof(ConvolutionInputGradient)); inner.ConvolutionInputGradient(shape, batch, dy, kernel, dx, scratch); }

    public void ConvolutionKernelGradient(in ConvolutionShape shape, int batch, ReadOnlySpan<float> dy, ReadOnlySpan<float> x, Span<float> kernelGradient,
        KernelScratch scratch, bool accumulate)
    { Hit(nameof(ConvolutionKernelGradient)); inner.ConvolutionKernelGradient(shape, batch, dy, x, kernelGradient, scratch, accumulate); }

    public int SpikeKernelSize(in ConvolutionShape shape)
    { Hit(nameof(SpikeKernelSize)); return inner.SpikeKernelSize(shape); }

    public void SpikeKernelLayout(in ConvolutionShape shape, ReadOnlySpan<float> kernel, Span<float> laidOut)
    { Hit(nameof(SpikeKernelLayout)); inner.SpikeKernelLayout(shape, kernel, laidOut); }

    public void SpikeConvolutionForward(in ConvolutionShape shape, int batch, ReadOnlySpan<float> spikes, ReadOnlySpan<float> laidOutKernel, Span<float> current,
        float decay, float gain, KernelScratch scratch)
    { Hit(nameof(SpikeConvolutionForward)); inner.SpikeConvolutionForward(shape, batch, spikes, laidOutKernel, current, decay, gain, scratch); }

    public void PoolForward(int planes, int height, int width, int window, ReadOnlySpan<float> x, Span<float> y)
    { Hit(nameof(PoolForward)); inner.PoolForward(planes, height, width, window, x, y); }

    public void PoolBackward(int planes, int height, int width, int window, ReadOnlySpan<float> dy, Span<float> dx)
    { Hit(nameof(PoolBackward)); inner.PoolBackward(planes, height, width, window, dy, dx); }

    public float LifStep(in LifConstants cells, GateFunction? gate, ReadOnlySpan<float> input, float scale, Span<float> membrane, Span<float> spikes,
        Span<float> trace, Span<float> gateOut)
    { Hit(nameof(LifStep)); return inner.LifStep(cells, gate, input, scale, membrane, spikes, trace, gateOut); }

    public void EvaluateGate(in GateFunction gate, ReadOnlySpan<float> membrane, Span<float> gateOut)
    { Hit(nameof(EvaluateGate)); inner.EvaluateGate(gate, membrane, gateOut); }

    /// <summary>Virtual, so a test can break this one operation (and see the conformance suite catch it).</summary>
    public virtual void Filter(float decay, float gain, ReadOnlySpan<float> input, Span<float> trace)
    { Hit(nameof(Filter) + "(scalar)"); inner.Filter(decay, gain, input, trace); }

    public void Eligibility(float decay, ReadOnlySpan<float> trace, Span<float> eligibility)
    { Hit(nameof(Eligibility)); inner.Eligibility(decay, trace, eligibility); }

    public void LocalError(ReadOnlySpan<float> gate, ReadOnlySpan<float> potential, Span<float> delta)
    { Hit(nameof(LocalError)); inner.LocalError(gate, potential, delta); }

    public void LocalErrorWithSum(ReadOnlySpan<float> gate, ReadOnlySpan<float> potential, Span<float> delta, Span<float> inputSum, float gain)
    { Hit(nameof(LocalErrorWithSum)); inner.LocalErrorWithSum(gate, potential, delta, inputSum, gain); }

    public void SplitSigns(ReadOnlySpan<float> delta, Span<float> plus, Span<float> minus)
    { Hit(nameof(SplitSigns)); inner.SplitSigns(delta, plus, minus); }

    public void MembraneAdjoint(ReadOnlySpan<float> da, ReadOnlySpan<float> u, ReadOnlySpan<float> s, ReadOnlySpan<float> g, ReadOnlySpan<float> duNext,
        Span<float> du, float beta, float gain, bool detachReset)
    { Hit(nameof(MembraneAdjoint)); inner.MembraneAdjoint(da, u, s, g, duNext, du, beta, gain, detachReset); }

    public void MembraneAdjointDerived(ReadOnlySpan<float> da, ReadOnlySpan<float> u, ReadOnlySpan<float> duNext, Span<float> du, float beta, float gain,
        bool detachReset, in GateFunction gate)
    { Hit(nameof(MembraneAdjointDerived)); inner.MembraneAdjointDerived(da, u, duNext, du, beta, gain, detachReset, gate); }

    public void AdamStep(Span<float> weights, ReadOnlySpan<float> gradient, Span<float> firstMoment, Span<float> secondMoment, in AdamConstants constants)
    { Hit(nameof(AdamStep)); inner.AdamStep(weights, gradient, firstMoment, secondMoment, constants); }

    public void SignStep(Span<float> weights, ReadOnlySpan<float> gradient, float step, Span<float> velocity, float momentum)
    { Hit(nameof(SignStep)); inner.SignStep(weights, gradient, step, velocity, momentum); }

    public bool ClampAndCheck(Span<float> values, float limit)
    { Hit(nameof(ClampAndCheck) + "(scalar)"); return inner.ClampAndCheck(values, limit); }

    public void KeepSigns(Span<float> weights, ReadOnlySpan<float> signs)
    { Hit(nameof(KeepSigns)); inner.KeepSigns(weights, signs); }

    public void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    { Hit(nameof(Add)); inner.Add(x, y, destination); }

    public void AddToRows(Span<float> matrix, ReadOnlySpan<float> row, int rows)
    { Hit(nameof(AddToRows)); inner.AddToRows(matrix, row, rows); }

    public void SumRows(ReadOnlySpan<float> matrix, Span<float> sum, int rows)
    { Hit(nameof(SumRows)); inner.SumRows(matrix, sum, rows); }

    public void AddToPlanes(Span<float> images, ReadOnlySpan<float> bias, int batch, int pixels)
    { Hit(nameof(AddToPlanes)); inner.AddToPlanes(images, bias, batch, pixels); }

    public void SumPlanes(ReadOnlySpan<float> images, Span<float> sum, int batch, int pixels)
    { Hit(nameof(SumPlanes)); inner.SumPlanes(images, sum, batch, pixels); }

    public void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    { Hit(nameof(Multiply)); inner.Multiply(x, y, destination); }

    public void Multiply(ReadOnlySpan<float> x, float c, Span<float> destination)
    { Hit(nameof(Multiply) + "(scalar)"); inner.Multiply(x, c, destination); }

    public void MultiplyAdd(ReadOnlySpan<float> x, float c, ReadOnlySpan<float> addend, Span<float> destination)
    { Hit(nameof(MultiplyAdd) + "(scalar)"); inner.MultiplyAdd(x, c, addend, destination); }

    public float Sum(ReadOnlySpan<float> x)
    { Hit(nameof(Sum)); return inner.Sum(x); }

    public float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    { Hit(nameof(Dot)); return inner.Dot(x, y); }

    public float Norm(ReadOnlySpan<float> x)
    { Hit(nameof(Norm)); return inner.Norm(x); }

    public void Clear(Span<float> destination)
    { Hit(nameof(Clear)); inner.Clear(destination); }

    public void Copy(ReadOnlySpan<float> source, Span<float> destination)
    { Hit(nameof(Copy)); inner.Copy(source, destination); }

    public virtual float[] Allocate(int length) => inner.Allocate(length);

    public virtual float[] Adopt(float[] array) => inner.Adopt(array);

    public void ToHost(float[] array) => inner.ToHost(array);

    public void FromHost(float[] array) => inner.FromHost(array);
}
