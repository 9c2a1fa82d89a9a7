using Microcircuit.Gpu;

namespace Microcircuit.Tests.Gpu;

/// <summary>One ILGPU back end on the CPU accelerator for every test (compiling its kernels takes a while); calls are serialised.</summary>
internal static class SimulatedDevice
{
    private static readonly Lazy<IlgpuBackend> Instance = new(() => IlgpuBackend.CpuSimulator(checkResidency: true));

    public static readonly Lock Gate = new();

    private static readonly Lazy<IlgpuBackend> GroupedInstance = new(() => IlgpuBackend.CpuSimulator(checkResidency: true, groupedKernels: true));

    public static IlgpuBackend Backend => Instance.Value;

    /// <summary>The same with the GPU's grouped kernels (tiled GEMM, a group per kernel tap): slow on the CPU, for the operations they serve.</summary>
    public static IlgpuBackend Grouped => GroupedInstance.Value;
}
