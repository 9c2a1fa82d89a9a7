using Microcircuit.Compute;
using Microcircuit.Compute.Conformance;
using Microcircuit.Compute.Cpu;
using Microcircuit.Tests.Compute;

namespace Microcircuit.Tests.Gpu;

/// <summary>
/// The conformance suite (<see cref="BackendConformance"/>) on the ILGPU back end run by its CPU accelerator (the kernels a
/// GPU runs, compiled for the host): every operation within 1e-5 of the CPU back end, relative to the largest value of
/// each output; once with plain host arrays (copied in and out per call) and once with arrays the device keeps (adopted,
/// computed on where they lie, read back at the end).
/// </summary>
public sealed class IlgpuOperationTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_operation_agrees_with_the_cpu_back_end(int index, bool resident, bool grouped)
    {
        var check = ConformanceCases.All[index];
        ConformanceResult result;
        lock (SimulatedDevice.Gate)
            result = BackendConformance.Check(check, grouped ? SimulatedDevice.Grouped : SimulatedDevice.Backend, CpuBackend.Serial, resident);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{check.Operation} ({check.Detail}, {(resident ? "kept on the device" : "host arrays")}{(grouped ? ", grouped kernels" : "")}): relative error {result.RelativeError:G3}");
        Assert.True(result.RelativeError <= Tolerance, $"{check.Operation} ({check.Detail}): {result.RelativeError:G3} at {result.Where}");
    }

    /// <summary>The operations a GPU runs as grouped kernels (the CPU accelerator runs per-element ones unless asked).</summary>
    private static readonly string[] GroupedOperations = ["GemmNN", "GemmNT", "GemmTN", "ConvolutionKernelGradient"];

    public static TheoryData<int, bool, bool> Cases()
    {
        var data = new TheoryData<int, bool, bool>();
        for (int i = 0; i < ConformanceCases.All.Count; i++)
        {
            data.Add(i, false, false);
            data.Add(i, true, false);
            if (GroupedOperations.Contains(ConformanceCases.All[i].Operation)) data.Add(i, true, true);
        }
        return data;
    }

    /// <summary>The tiled product sums over p in the per-element kernel's order: the same bits, whatever the tile.</summary>
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(17, 33, 5)]
    [InlineData(25, 100, 64)]
    public void The_tiled_product_gives_the_per_element_products_bits(int m, int n, int k)
    {
        var random = new Microcircuit.Randomness.SeededRandom(5);
        float[] Draw(int length) => Enumerable.Range(0, length).Select(_ => random.NextGaussian()).ToArray();
        var a = Draw(m * k);
        var b = Draw(k * n);
        var c0 = Draw(m * n);
        float[] Product(IComputeBackend device)
        {
            var c = (float[])c0.Clone();
            device.GemmNN(a, b, c, m, n, k, accumulate: true);   // a [m × k], b [k × n]
            device.GemmNT(a, b, c, m, n, k, accumulate: true);   // b read as [n × k]
            device.GemmTN(a, b, c, m, n, k, accumulate: true);   // a read as [k × m]
            return c;
        }
        float[] perElement, tiled;
        lock (SimulatedDevice.Gate)
        {
            perElement = Product(SimulatedDevice.Backend);
            tiled = Product(SimulatedDevice.Grouped);
        }
        Assert.Equal(perElement, tiled);
    }

    [Fact]
    public void The_suite_calls_every_operation_of_the_interface()
    {
        var counting = new CountingBackend(CpuBackend.Serial);
        foreach (var check in ConformanceCases.All) BackendConformance.Check(check, counting, CpuBackend.Serial);
        var missing = typeof(IComputeBackend).GetInterfaces().Where(i => i != typeof(IDeviceMemory)).SelectMany(i => i.GetMethods()).Select(CountingBackend.KeyOf)
            .Where(key => counting.Calls.GetValueOrDefault(key) == 0).ToArray();
        Assert.True(missing.Length == 0, "operations the conformance suite never calls: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_suite_tells_a_wrong_back_end_apart()
    {
        var results = BackendConformance.Check(new OffByOneTrace(CpuBackend.Serial));
        Assert.Contains(results, r => r.Operation == "Filter" && r.RelativeError > 0.1);
        Assert.All(results.Where(r => r.Operation != "Filter"), r => Assert.Equal(0, r.RelativeError));
    }

    /// <summary>The CPU back end with a synaptic filter that forgets its decay: what the suite must catch.</summary>
    private sealed class OffByOneTrace(CpuBackend inner) : CountingBackend(inner)
    {
        public override void Filter(float decay, float gain, ReadOnlySpan<float> input, Span<float> trace) => base.Filter(1f, gain, input, trace);
    }
}
