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
    public void Every_operation_agrees_with_the_cpu_back_end(int index, bool resident)
    {
        var check = ConformanceCases.All[index];
        ConformanceResult result;
        lock (SimulatedDevice.Gate) result = BackendConformance.Check(check, SimulatedDevice.Backend, CpuBackend.Serial, resident);
        TestContext.Current.TestOutputHelper?.WriteLine($"{check.Operation} ({check.Detail}, {(resident ? "kept on the device" : "host arrays")}): relative error {result.RelativeError:G3}");
        Assert.True(result.RelativeError <= Tolerance, $"{check.Operation} ({check.Detail}): {result.RelativeError:G3} at {result.Where}");
    }

    public static TheoryData<int, bool> Cases()
    {
        var data = new TheoryData<int, bool>();
        for (int i = 0; i < ConformanceCases.All.Count; i++)
        {
            data.Add(i, false);
            data.Add(i, true);
        }
        return data;
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
