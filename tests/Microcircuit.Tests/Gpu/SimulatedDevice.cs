using Microcircuit.Gpu;

namespace Microcircuit.Tests.Gpu;

/// <summary>One ILGPU back end on the CPU accelerator for every test (compiling its kernels takes a while); calls are serialised.</summary>
internal static class SimulatedDevice
{
    private static readonly Lazy<IlgpuBackend> Instance = new(() => IlgpuBackend.CpuSimulator(checkResidency: true));

    public static readonly Lock Gate = new();

    public static IlgpuBackend Backend => Instance.Value;
}
