namespace Microcircuit.Compute.Conformance;

/// <summary>The cases of <see cref="BackendConformance"/>: every operation of the interface at least once.</summary>
public static class ConformanceCases
{
    public static IReadOnlyList<ConformanceCase> All { get; } = [.. Matrices(), .. Convolutions(), .. Cells(), .. Learning(), .. Optimizers(), .. Elementwise()];

    private static IEnumerable<ConformanceCase> Matrices()
    {
        const int m = 13, n = 37, k = 29;
        yield return new("GemmNN", "", [m * k, k * n, m * n], (c, x) => { c.GemmNN(x[0], x[1], x[2], m, n, k, accumulate: false); return 0; });
        yield return new("GemmNT", "accumulate", [m * k, n * k, m * n], (c, x) => { c.GemmNT(x[0], x[1], x[2], m, n, k, accumulate: true); return 0; });
        yield return new("GemmTN", "accumulate", [k * m, k * n, m * n], (c, x) => { c.GemmTN(x[0], x[1], x[2], m, n, k, accumulate: true); return 0; });
        yield return new("Transpose", "", [m * k, m * k], (c, x) => { c.Transpose(x[0], x[1], m, k); return 0; });
        yield return new("SpikeGemm", "", [m * k, k * n, m * n], (c, x) => { c.SpikeGemm(x[0], x[1], x[2], m, n, k, accumulate: false); return 0; }, SpikeOperands: [0]);
    }

    private static IEnumerable<ConformanceCase> Convolutions()
    {
        const int batch = 3;
        foreach (var shape in new[] { new ConvolutionShape(3, 9, 9, 5, 3, 3, 1, 1), new ConvolutionShape(2, 8, 7, 4, 5, 5, 2, 2), new ConvolutionShape(1, 6, 6, 3, 2, 2, 2, 0) })
        {
            string detail = $"{shape.InputChannels}×{shape.Height}×{shape.Width} → {shape.OutputChannels}, k {shape.KernelHeight}, stride {shape.Stride}, padding {shape.Padding}";
            int x = batch * shape.InputSize, y = batch * shape.OutputSize, k = shape.OutputChannels * shape.InputChannels * shape.KernelHeight * shape.KernelWidth;
            yield return new("ConvolutionForward", detail, [x, k, y], (c, a) => { c.ConvolutionForward(shape, batch, a[0], a[1], a[2], new KernelScratch()); return 0; });
            yield return new("ConvolutionInputGradient", detail, [y, k, x], (c, a) => { c.ConvolutionInputGradient(shape, batch, a[0], a[1], a[2], new KernelScratch()); return 0; });
            yield return new("ConvolutionKernelGradient", detail, [y, x, k], (c, a) =>
            {
                c.ConvolutionKernelGradient(shape, batch, a[0], a[1], a[2], new KernelScratch(), accumulate: true);
                return 0;
            });
            yield return new("SpikeConvolutionForward", detail, [x, k, y], (c, a) =>
            {
                var laidOut = new float[c.SpikeKernelSize(shape)];
                c.SpikeKernelLayout(shape, a[1], laidOut);
                c.SpikeConvolutionForward(shape, batch, a[0], laidOut, a[2], 0.6f, 0.4f, new KernelScratch());
                return 0;
            }, SpikeOperands: [0]);
        }
        const int planes = 5, height = 9, width = 7, window = 2;
        int pooled = planes * (height / window) * (width / window);
        yield return new("PoolForward", "9×7, window 2", [planes * height * width, pooled], (c, a) => { c.PoolForward(planes, height, width, window, a[0], a[1]); return 0; });
        yield return new("PoolBackward", "9×7, window 2", [pooled, planes * height * width], (c, a) => { c.PoolBackward(planes, height, width, window, a[0], a[1]); return 0; });
    }

    private static IEnumerable<ConformanceCase> Cells()
    {
        const int n = 1031;
        var cells = new LifConstants(0.8f, 2f / 3f, 1f / 3f, 1f);
        foreach (var curve in new[] { GateCurve.Logistic, GateCurve.Boxcar, GateCurve.Flat })
        {
            var gate = new GateFunction(curve, 1f, 0.3f);
            yield return new("LifStep", $"{curve} gate, 4 steps", [n, n, n, n, n], (c, a) =>
            {
                float fired = 0f;
                for (int t = 0; t < 4; t++) fired += c.LifStep(cells, gate, a[0], 0.9f, a[1], a[2], a[3], a[4]);
                return fired;
            }, SpikeOperands: [2]);
            yield return new("EvaluateGate", curve.ToString(), [n, n], (c, a) => { c.EvaluateGate(gate, a[0], a[1]); return 0; });
            yield return new("MembraneAdjointDerived", curve.ToString(), [n, n, n, n], (c, a) =>
            {
                c.MembraneAdjointDerived(a[0], a[1], a[2], a[3], 0.8f, 1f / 3f, detachReset: true, new GateFunction(curve, 1f, 0.25f));
                return 0;
            });
        }
        yield return new("LifStep", "no gate", [n, n, n, n], (c, a) => c.LifStep(cells, null, a[0], 1f, a[1], a[2], a[3], []), SpikeOperands: [2]);
        yield return new("Filter", "spikes in", [n, n], (c, a) => { c.Filter(2f / 3f, 1f / 3f, a[0], a[1]); return 0; }, Spikes: true);
        yield return new("Eligibility", "", [n, n], (c, a) => { c.Eligibility(0.8f, a[0], a[1]); return 0; });
    }

    private static IEnumerable<ConformanceCase> Learning()
    {
        const int n = 1000;
        yield return new("LocalError", "in place", [n, n], (c, a) => { c.LocalError(a[0], a[1], a[1]); return 0; });
        yield return new("LocalErrorWithSum", "", [n, n, n, n], (c, a) => { c.LocalErrorWithSum(a[0], a[1], a[2], a[3], 0.37f); return 0; });
        yield return new("SplitSigns", "", [n, n, n], (c, a) => { c.SplitSigns(a[0], a[1], a[2]); return 0; });
        yield return new("MembraneAdjoint", "recorded", [n, n, n, n, n, n], (c, a) =>
        {
            c.MembraneAdjoint(a[0], a[1], a[2], a[3], a[4], a[5], 0.8f, 1f / 3f, detachReset: false);
            return 0;
        });
    }

    private static IEnumerable<ConformanceCase> Optimizers()
    {
        const int n = 777;
        var adam = new AdamConstants(1e-3f, 0.9f, 0.999f, 1e-8f, 1f / (1f - 0.9f), 1f / (1f - 0.999f), 1f - 1e-3f * 0.01f);
        yield return new("AdamStep", "AdamW", [n, n, n, n], (c, a) =>
        {
            for (int i = 0; i < n; i++) a[3][i] = Math.Abs(a[3][i]);
            c.AdamStep(a[0], a[1], a[2], a[3], adam);
            return 0;
        });
        yield return new("SignStep", "plain", [n, n], (c, a) => { c.SignStep(a[0], a[1], 0.01f, [], 0f); return 0; });
        yield return new("SignStep", "momentum", [n, n, n], (c, a) => { c.SignStep(a[0], a[1], 0.01f, a[2], 0.9f); return 0; });
        yield return new("ClampAndCheck", "finite", [n], (c, a) => c.ClampAndCheck(a[0], 0.5f) ? 1f : 0f);
        yield return new("ClampAndCheck", "a NaN", [n], (c, a) =>
        {
            a[0][5] = float.NaN;
            return c.ClampAndCheck(a[0], 0.5f) ? 1f : 0f;
        });
        yield return new("KeepSigns", "", [n, n], (c, a) => { c.KeepSigns(a[0], a[1]); return 0; });
    }

    private static IEnumerable<ConformanceCase> Elementwise()
    {
        const int n = 1003, rows = 17, width = 59;
        yield return new("Clear", "a middle part", [n], (c, a) => { c.Clear(a[0].AsSpan(3, 500)); return 0; });
        yield return new("Copy", "to an offset", [n, n], (c, a) => { c.Copy(a[0].AsSpan(0, 700), a[1].AsSpan(100, 700)); return 0; });
        yield return new("Add", "", [n, n, n], (c, a) => { c.Add(a[0], a[1], a[2]); return 0; });
        yield return new("AddToRows", "", [rows * width, width], (c, a) => { c.AddToRows(a[0], a[1], rows); return 0; });
        yield return new("SumRows", "", [rows * width, width], (c, a) => { c.SumRows(a[0], a[1], rows); return 0; });
        const int batch = 3, channels = 5, pixels = 49;
        yield return new("AddToPlanes", "", [batch * channels * pixels, channels], (c, a) => { c.AddToPlanes(a[0], a[1], batch, pixels); return 0; });
        yield return new("SumPlanes", "", [batch * channels * pixels, channels], (c, a) => { c.SumPlanes(a[0], a[1], batch, pixels); return 0; });
        yield return new("Multiply", "in place", [n, n], (c, a) => { c.Multiply(a[0], a[1], a[1]); return 0; });
        yield return new("Multiply(scalar)", "", [n, n], (c, a) => { c.Multiply(a[0], 1.5f, a[1]); return 0; });
        yield return new("MultiplyAdd(scalar)", "in place", [n, n], (c, a) => { c.MultiplyAdd(a[0], -0.3f, a[1], a[1]); return 0; });
        yield return new("Sum", "", [n], (c, a) => c.Sum(a[0]));
        yield return new("Dot", "", [n, n], (c, a) => c.Dot(a[0], a[1]));
        yield return new("Norm", "", [n], (c, a) => c.Norm(a[0]));
    }
}
