using System.Runtime.CompilerServices;
using Microcircuit.Compute;
using Microcircuit.Gpu;

namespace Microcircuit.Cli;

/// <summary>
/// The back ends the tool offers beside the CPU one: "cuda", the first NVIDIA GPU through ILGPU (Microcircuit.Gpu), one
/// per process (its kernels are compiled once, on first use).
/// </summary>
internal static class DeviceBackends
{
    private static readonly Lazy<IComputeBackend> CudaDevice = new(OpenCuda);

    public static void Register() =>
        ComputeBackends.Register("cuda", "the first NVIDIA GPU, through ILGPU (PTX compiled at run time; the driver only)", _ => CudaDevice.Value);

    private static IComputeBackend OpenCuda()
    {
        if (!RuntimeFeature.IsDynamicCodeSupported)
            throw new OptionException("device", "this native executable computes on the CPU only (ILGPU compiles its kernels at run time, which native code cannot); run the dotnet build of the tool for {device} cuda.");
        return IlgpuBackend.Cuda();
    }
}
