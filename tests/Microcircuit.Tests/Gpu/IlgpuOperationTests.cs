using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Gpu;

/// <summary>
/// Every operation of the interface, as ILGPU kernels run by its CPU accelerator (the kernels a GPU runs, compiled for
/// the host), against the CPU back end on the same operands: each output within 1e-5 of the largest value of that
/// output, on sizes that are no multiple of any block or vector width.
/// </summary>
public sealed class IlgpuOperationTests
{
    private const float Tolerance = 1e-5f;

    /// <summary>Runs <paramref name="op"/> on both back ends over copies of random arrays of the given lengths and compares every array and the result.</summary>
    private static void Same(string name, Func<IComputeBackend, float[][], float> op, Func<SeededRandom, float>? draw, params int[] lengths)
    {
        var random = new SeededRandom(17);
        draw ??= r => r.NextGaussian();
        var operands = lengths.Select(n => Enumerable.Range(0, n).Select(_ => draw(random)).ToArray()).ToArray();
        var onCpu = operands.Select(a => (float[])a.Clone()).ToArray();
        var onDevice = operands.Select(a => (float[])a.Clone()).ToArray();
        float cpu = op(CpuBackend.Serial, onCpu);
        float device;
        lock (SimulatedDevice.Gate) device = op(SimulatedDevice.Backend, onDevice);
        Assert.True(Math.Abs(cpu - device) <= Tolerance * Math.Max(1f, Math.Abs(cpu)), $"{name}: result {device} on the device, {cpu} on the CPU");
        for (int a = 0; a < operands.Length; a++)
        {
            float scale = Math.Max(onCpu[a].Where(float.IsFinite).Select(Math.Abs).DefaultIfEmpty(0f).Max(), 1e-6f);
            for (int i = 0; i < onCpu[a].Length; i++)
                Assert.True(Math.Abs(onCpu[a][i] - onDevice[a][i]) <= Tolerance * scale || (float.IsNaN(onCpu[a][i]) && float.IsNaN(onDevice[a][i])),
                    $"{name}: operand {a}[{i}] is {onDevice[a][i]} on the device, {onCpu[a][i]} on the CPU (scale {scale})");
        }
    }

    private static float Spike(SeededRandom r) => r.NextFloat() < 0.3f ? 1f : 0f;

    [Fact]
    public void Matrix_products_agree()
    {
        const int m = 13, n = 37, k = 29;
        Same("GemmNN", (c, x) => { c.GemmNN(x[0], x[1], x[2], m, n, k, accumulate: false); return 0; }, null, m * k, k * n, m * n);
        Same("GemmNT accumulate", (c, x) => { c.GemmNT(x[0], x[1], x[2], m, n, k, accumulate: true); return 0; }, null, m * k, n * k, m * n);
        Same("GemmTN", (c, x) => { c.GemmTN(x[0], x[1], x[2], m, n, k, accumulate: true); return 0; }, null, k * m, k * n, m * n);
        Same("Transpose", (c, x) => { c.Transpose(x[0], x[1], m, k); return 0; }, null, m * k, m * k);
        Same("SpikeGemm", (c, x) =>
        {
            for (int i = 0; i < x[0].Length; i++) x[0][i] = x[0][i] > 0.5f ? 1f : 0f;
            c.SpikeGemm(x[0], x[1], x[2], m, n, k, accumulate: false);
            return 0;
        }, null, m * k, k * n, m * n);
    }

    [Theory]
    [InlineData(3, 9, 9, 5, 3, 1, 1)]
    [InlineData(2, 8, 7, 4, 5, 2, 2)]
    [InlineData(1, 6, 6, 3, 2, 2, 0)]
    public void Convolutions_agree(int channels, int height, int width, int maps, int kernel, int stride, int padding)
    {
        const int batch = 3;
        var shape = new ConvolutionShape(channels, height, width, maps, kernel, kernel, stride, padding);
        int x = batch * shape.InputSize, y = batch * shape.OutputSize, k = maps * channels * kernel * kernel;
        Same("ConvolutionForward", (c, a) => { c.ConvolutionForward(shape, batch, a[0], a[1], a[2], new KernelScratch()); return 0; }, null, x, k, y);
        Same("ConvolutionInputGradient", (c, a) => { c.ConvolutionInputGradient(shape, batch, a[0], a[1], a[2], new KernelScratch()); return 0; }, null, y, k, x);
        Same("ConvolutionKernelGradient", (c, a) => { c.ConvolutionKernelGradient(shape, batch, a[0], a[1], a[2], new KernelScratch(), accumulate: true); return 0; }, null, y, x, k);
        Same("SpikeConvolutionForward", (c, a) =>
        {
            var laidOut = new float[c.SpikeKernelSize(shape)];
            c.SpikeKernelLayout(shape, a[1], laidOut);
            for (int i = 0; i < a[0].Length; i++) a[0][i] = a[0][i] > 0.5f ? 1f : 0f;
            c.SpikeConvolutionForward(shape, batch, a[0], laidOut, a[2], 0.6f, 0.4f, new KernelScratch());
            return 0;
        }, null, x, k, y);
    }

    [Fact]
    public void Pooling_agrees_both_ways()
    {
        const int planes = 5, height = 9, width = 7, window = 2;
        int pooled = planes * (height / window) * (width / window);
        Same("PoolForward", (c, a) => { c.PoolForward(planes, height, width, window, a[0], a[1]); return 0; }, null, planes * height * width, pooled);
        Same("PoolBackward", (c, a) => { c.PoolBackward(planes, height, width, window, a[0], a[1]); return 0; }, null, pooled, planes * height * width);
    }

    [Theory]
    [InlineData(GateCurve.Logistic)]
    [InlineData(GateCurve.Boxcar)]
    [InlineData(GateCurve.Flat)]
    public void The_lif_step_and_its_gate_agree(GateCurve curve)
    {
        const int n = 1031;
        var cells = new LifConstants(0.8f, 2f / 3f, 1f / 3f, 1f);
        var gate = new GateFunction(curve, 1f, 0.3f);
        Same("LifStep", (c, a) =>
        {
            for (int i = 0; i < n; i++) a[2][i] = a[2][i] > 0.5f ? 1f : 0f;
            float fired = 0f;
            for (int t = 0; t < 4; t++) fired += c.LifStep(cells, gate, a[0], 0.9f, a[1], a[2], a[3], a[4]);
            return fired;
        }, null, n, n, n, n, n);
        Same("LifStep without gate", (c, a) => c.LifStep(cells, null, a[0], 1f, a[1], a[2], a[3], []), null, n, n, n, n);
        Same("EvaluateGate", (c, a) => { c.EvaluateGate(gate, a[0], a[1]); return 0; }, null, n, n);
    }

    [Fact]
    public void Traces_local_errors_and_the_adjoint_agree()
    {
        const int n = 1000;
        Same("Filter", (c, a) => { c.Filter(2f / 3f, 1f / 3f, a[0], a[1]); return 0; }, Spike, n, n);
        Same("Eligibility", (c, a) => { c.Eligibility(0.8f, a[0], a[1]); return 0; }, null, n, n);
        Same("LocalError", (c, a) => { c.LocalError(a[0], a[1], a[1]); return 0; }, null, n, n);
        Same("LocalErrorWithSum", (c, a) => { c.LocalErrorWithSum(a[0], a[1], a[2], a[3], 0.37f); return 0; }, null, n, n, n, n);
        Same("SplitSigns", (c, a) => { c.SplitSigns(a[0], a[1], a[2]); return 0; }, null, n, n, n);
        Same("MembraneAdjoint", (c, a) => { c.MembraneAdjoint(a[0], a[1], a[2], a[3], a[4], a[5], 0.8f, 1f / 3f, detachReset: false); return 0; }, null, n, n, n, n, n, n);
        foreach (var curve in new[] { GateCurve.Logistic, GateCurve.Boxcar, GateCurve.Flat })
            Same($"MembraneAdjointDerived {curve}", (c, a) =>
            {
                c.MembraneAdjointDerived(a[0], a[1], a[2], a[3], 0.8f, 1f / 3f, detachReset: true, new GateFunction(curve, 1f, 0.25f));
                return 0;
            }, null, n, n, n, n);
    }

    [Fact]
    public void Optimiser_steps_and_constraints_agree()
    {
        const int n = 777;
        var adam = new AdamConstants(1e-3f, 0.9f, 0.999f, 1e-8f, 1f / (1f - 0.9f), 1f / (1f - 0.999f), 1f - 1e-3f * 0.01f);
        Same("AdamStep", (c, a) =>
        {
            for (int i = 0; i < n; i++) a[3][i] = Math.Abs(a[3][i]);
            c.AdamStep(a[0], a[1], a[2], a[3], adam);
            return 0;
        }, null, n, n, n, n);
        Same("SignStep", (c, a) => { c.SignStep(a[0], a[1], 0.01f, [], 0f); return 0; }, null, n, n);
        Same("SignStep momentum", (c, a) => { c.SignStep(a[0], a[1], 0.01f, a[2], 0.9f); return 0; }, null, n, n, n);
        Same("ClampAndCheck", (c, a) => c.ClampAndCheck(a[0], 0.5f) ? 1f : 0f, null, n);
        Same("ClampAndCheck with NaN", (c, a) => { a[0][5] = float.NaN; return c.ClampAndCheck(a[0], 0.5f) ? 1f : 0f; }, null, n);
        Same("KeepSigns", (c, a) => { c.KeepSigns(a[0], a[1]); return 0; }, null, n, n);
    }

    [Fact]
    public void Elementwise_passes_and_reductions_agree()
    {
        const int n = 1003, rows = 17, width = 59;
        Same("Add", (c, a) => { c.Add(a[0], a[1], a[2]); return 0; }, null, n, n, n);
        Same("Add(scalar)", (c, a) => { c.Add(a[0], 0.25f, a[0]); return 0; }, null, n);
        Same("AddToRows", (c, a) => { c.AddToRows(a[0], a[1], rows); return 0; }, null, rows * width, width);
        Same("SumRows", (c, a) => { c.SumRows(a[0], a[1], rows); return 0; }, null, rows * width, width);
        Same("Multiply", (c, a) => { c.Multiply(a[0], a[1], a[1]); return 0; }, null, n, n);
        Same("Multiply(scalar)", (c, a) => { c.Multiply(a[0], 1.5f, a[1]); return 0; }, null, n, n);
        Same("MultiplyAdd(scalar)", (c, a) => { c.MultiplyAdd(a[0], -0.3f, a[1], a[1]); return 0; }, null, n, n);
        Same("Sum", (c, a) => c.Sum(a[0]), null, n);
        Same("Dot", (c, a) => c.Dot(a[0], a[1]), null, n, n);
        Same("Norm", (c, a) => c.Norm(a[0]), null, n);
    }
}
