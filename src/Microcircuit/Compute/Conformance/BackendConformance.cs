using Microcircuit.Compute.Cpu;
using Microcircuit.Randomness;

namespace Microcircuit.Compute.Conformance;

/// <summary>
/// The checks a compute back end passes against the CPU back end: every operation of <see cref="IComputeBackend"/> on
/// operands whose sizes are no multiple of any block or vector width, with three gate curves and three convolution
/// geometries. A back end that sums in another order agrees to float rounding (the GPU back end: below 1e-5).
/// </summary>
public static class BackendConformance
{
    /// <summary>Runs every case on <paramref name="candidate"/> and on <paramref name="reference"/> (the CPU back end when null).</summary>
    /// <param name="resident">
    /// Hand the candidate its operands as arrays it adopted (<see cref="IDeviceMemory.Adopt"/>), so a back end on another
    /// device computes on arrays it keeps there, and read them back with <see cref="IDeviceMemory.ToHost"/>; false: plain
    /// host arrays, which such a back end copies in and out per call.
    /// </param>
    public static IReadOnlyList<ConformanceResult> Check(IComputeBackend candidate, IComputeBackend? reference = null, bool resident = false) =>
        ConformanceCases.All.Select(c => Check(c, candidate, reference ?? CpuBackend.Serial, resident)).ToArray();

    public static ConformanceResult Check(ConformanceCase check, IComputeBackend candidate, IComputeBackend reference, bool resident = false)
    {
        var random = new SeededRandom(17);
        var operands = check.Lengths.Select(n => Enumerable.Range(0, n).Select(_ => check.Spikes ? (random.NextFloat() < 0.3f ? 1f : 0f) : random.NextGaussian()).ToArray()).ToArray();
        foreach (int a in check.SpikeOperands ?? [])
            for (int i = 0; i < operands[a].Length; i++) operands[a][i] = operands[a][i] > 0.5f ? 1f : 0f;
        var expected = operands.Select(a => (float[])a.Clone()).ToArray();
        var actual = operands.Select(a => resident ? candidate.Adopt((float[])a.Clone()) : (float[])a.Clone()).ToArray();
        float want = check.Run(reference, expected);
        float got = check.Run(candidate, actual);
        if (resident) foreach (var a in actual) candidate.ToHost(a);
        double worst = Same(want, got) ? 0 : Math.Abs(want - got) / Math.Max(1.0, Math.Abs(want));
        string? where = worst > 0 ? $"result {got} against {want}" : null;
        for (int a = 0; a < operands.Length; a++)
        {
            double scale = Math.Max(expected[a].Where(float.IsFinite).Select(v => (double)Math.Abs(v)).DefaultIfEmpty(0).Max(), 1e-6);
            for (int i = 0; i < expected[a].Length; i++)
            {
                if (Same(expected[a][i], actual[a][i])) continue;
                double error = double.IsNaN(actual[a][i]) || double.IsNaN(expected[a][i]) ? double.PositiveInfinity : Math.Abs(expected[a][i] - actual[a][i]) / scale;
                if (error > worst)
                {
                    worst = error;
                    where = $"operand {a}[{i}]: {actual[a][i]} against {expected[a][i]}";
                }
            }
        }
        return new ConformanceResult(check.Operation, check.Detail, worst, where);
    }

    private static bool Same(float a, float b) => a == b || (float.IsNaN(a) && float.IsNaN(b));
}
