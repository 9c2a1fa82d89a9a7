using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using Microcircuit.Compute;
using Microcircuit.Errors;

namespace Microcircuit.Gpu;

/// <summary>
/// The compute back end on a device through ILGPU: every operation of <see cref="IComputeBackend"/> is a kernel ILGPU
/// compiles at run time — PTX for an NVIDIA GPU (only the driver is needed), or .NET code on ILGPU's CPU accelerator,
/// which runs the same kernels where no GPU is present (the tests). The arrays a network, its rule and its optimiser
/// allocate or adopt through <see cref="IDeviceMemory"/> stay on the device (<see cref="DeviceArrays"/>), so a step moves
/// only what the host reads; any other operand passes through a device buffer a call at a time (<see cref="Staging"/>).
/// Sums are formed in another order than on the CPU, so results agree to float rounding, not bit for bit. One caller at
/// a time: its device buffers are shared between calls (the tool opens one per process and
/// runs experiments one after another). Open one per process and dispose it at the end; each opening compiles the kernels.
/// </summary>
public sealed partial class IlgpuBackend : IComputeBackend, IDisposable
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly Staging _staging;
    private readonly DeviceArrays _arrays;

    private readonly CuBlasProducts? _blas;

    private IlgpuBackend(Context context, Accelerator accelerator, bool grouped, bool checkResidency = false, CuBlasProducts? blas = null, string? products = null)
    {
        _context = context;
        _accelerator = accelerator;
        _grouped = grouped;
        _blas = blas;
        Products = products ?? (grouped ? "tiled kernels" : "one thread per element");
        _arrays = new DeviceArrays(accelerator, checkResidency, Transfers);
        _staging = new Staging(accelerator, _arrays, Transfers);
        Device = $"{accelerator.Name}, GEMM by {Products}";
        LoadKernels();
    }

    /// <summary>The first CUDA device; an <see cref="OptionException"/> for the key "device" when there is none.</summary>
    /// <param name="useCuBlas">Hand the dense products to cuBLAS when its library is installed (else, and when false, the tiled kernels).</param>
    public static IlgpuBackend Cuda(bool useCuBlas = true)
    {
        Context context;
        try
        {
            context = Context.Create(builder => builder.Cuda().EnableAlgorithms());
        }
        catch (Exception e) when (e is not MicrocircuitException)
        {
            throw new OptionException("device", $"CUDA could not be opened ({e.Message.Split('\n')[0].Trim()}); use {{device}} cpu.", e);
        }
        if (context.GetCudaDevices().Count == 0)
        {
            context.Dispose();
            throw new OptionException("device", "no CUDA device is visible (no NVIDIA GPU, or no driver); use {device} cpu.");
        }
        Accelerator? accelerator = null;
        try
        {
            accelerator = context.CreateCudaAccelerator(0);
            string? why = null;
            var blas = useCuBlas ? CuBlasProducts.TryOpen((CudaAccelerator)accelerator, out why) : null;
            string products = blas is not null ? "cuBLAS" : useCuBlas ? $"tiled kernels (cuBLAS could not be loaded: {why})" : "tiled kernels";
            return new IlgpuBackend(context, accelerator, grouped: true, blas: blas, products: products);   // compiles the kernels: a driver too old for the PTX fails here
        }
        catch (Exception e) when (e is not MicrocircuitException)
        {
            accelerator?.Dispose();
            context.Dispose();
            throw new OptionException("device", $"the CUDA device could not be used ({e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}); use {{device}} cpu.", e);
        }
    }

    /// <summary>ILGPU's CPU accelerator: the same kernels run as .NET code on the host (for tests; slow).</summary>
    /// <param name="checkResidency">
    /// Checks that callers keep the <see cref="IDeviceMemory"/> protocol: a host copy that went stale is filled with NaN, and
    /// a host change made without <see cref="FromHost"/> throws at the array's next use on the device (costly; for tests).
    /// </param>
    /// <param name="groupedKernels">
    /// Run the GPU's grouped kernels (the tiled GEMM, the kernel gradient's group per tap) instead of the per-element ones:
    /// their groups of threads meet at barriers, which ILGPU's CPU accelerator pays for with thread switches, so this is
    /// for checking those kernels (the conformance suite), not for training.
    /// </param>
    public static IlgpuBackend CpuSimulator(bool checkResidency = false, bool groupedKernels = false)
    {
        var context = Context.Create(builder => builder.CPU().EnableAlgorithms());
        return new IlgpuBackend(context, context.CreateCPUAccelerator(0), groupedKernels, checkResidency);
    }

    /// <summary>Floats moved between host and device so far, each way.</summary>
    public TransferCounter Transfers { get; } = new();

    /// <summary>What computes the dense products: cuBLAS or this back end's tiled kernels (and why not cuBLAS, when it was asked for).</summary>
    public string Products { get; }

    /// <summary>The device's name as ILGPU reports it, and what computes the dense products.</summary>
    public string Device { get; }

    /// <summary>Host threads: one (the device runs the kernels).</summary>
    public int Threads => 1;

    public void Dispose()
    {
        _blas?.Dispose();
        _staging.Dispose();
        _arrays.Dispose();
        _accelerator.Dispose();
        _context.Dispose();
    }
}
