using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Microcircuit.Gpu;

namespace Microcircuit.Tests.Gpu;

/// <summary>
/// Every kernel of the GPU back end compiles to PTX for the GPUs it is meant for (Ampere sm_80, Hopper sm_90), here,
/// without a GPU or a driver: ILGPU's PTX back end is the code a CUDA device would load. What the CPU accelerator cannot
/// tell (an intrinsic PTX lacks, a type the PTX back end cannot lay out) fails here.
/// </summary>
public sealed class PtxCompilationTests
{
    private static IReadOnlyList<MethodInfo> Kernels() =>
        typeof(IlgpuBackend).Assembly.GetTypes().Where(t => t.Name.EndsWith("Kernels", StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => Grouped(m) || m.GetParameters() is [var index, ..] && (index.ParameterType == typeof(Index1D) || index.ParameterType == typeof(Index2D)))
            .OrderBy(m => m.DeclaringType!.Name + "." + m.Name, StringComparer.Ordinal).ToArray();

    private static bool Grouped(MethodInfo kernel) => kernel.IsDefined(typeof(GroupedKernelAttribute));

    [Theory]
    [InlineData(80)]
    [InlineData(90)]
    public void Every_kernel_compiles_to_ptx(int architecture)
    {
        var kernels = Kernels();
        Assert.Contains(kernels, Grouped);
        Assert.True(kernels.Count >= 32, $"found {kernels.Count} kernels; the scan is broken");
        using var context = Context.Create(builder => builder.Cuda().EnableAlgorithms());
        var target = architecture == 90 ? CudaArchitecture.SM_90 : CudaArchitecture.SM_80;
        using var backend = new PTXBackend(context, target, CudaInstructionSet.ISA_80, null!);
        var failures = new List<string>();
        foreach (var kernel in kernels)
        {
            try
            {
                var compiled = (PTXCompiledKernel)backend.Compile(Grouped(kernel) ? EntryPointDescription.FromExplicitlyGroupedKernel(kernel) : EntryPointDescription.FromImplicitlyGroupedKernel(kernel),
                    KernelSpecialization.Empty);
                if (!compiled.PTXAssembly.Contains(".entry", StringComparison.Ordinal)) failures.Add($"{kernel.DeclaringType!.Name}.{kernel.Name}: no entry point in the PTX");
            }
            catch (Exception e)
            {
                failures.Add($"{kernel.DeclaringType!.Name}.{kernel.Name}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
        }
        Assert.True(failures.Count == 0, $"kernels that do not compile for sm_{architecture}:\n" + string.Join('\n', failures));
        TestContext.Current.TestOutputHelper?.WriteLine($"{kernels.Count} kernels compile to PTX for sm_{architecture}");
    }
}
