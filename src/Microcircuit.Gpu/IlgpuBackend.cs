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
/// which runs the same kernels where no GPU is present (the tests). Operands pass through device buffers a call at a
/// time (<see cref="Staging"/>): the network's arrays stay on the host, so this back end is exact in what it computes
/// but pays a transfer per call; sums are formed in another order than on the CPU, so results agree to float rounding,
/// not bit for bit. One caller at a time: its device buffers are shared between calls (the tool opens one per process and
/// runs experiments one after another). Open one per process and dispose it at the end; each opening compiles the kernels.
/// </summary>
public sealed partial class IlgpuBackend : IComputeBackend, IDisposable
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly Staging _staging;

    private IlgpuBackend(Context context, Accelerator accelerator)
    {
        _context = context;
        _accelerator = accelerator;
        _staging = new Staging(accelerator);
        Device = accelerator.Name;
        LoadKernels();
    }

    /// <summary>The first CUDA device; an <see cref="OptionException"/> for the key "device" when there is none.</summary>
    public static IlgpuBackend Cuda()
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
            return new IlgpuBackend(context, accelerator);   // compiles the kernels: a driver too old for the PTX fails here
        }
        catch (Exception e) when (e is not MicrocircuitException)
        {
            accelerator?.Dispose();
            context.Dispose();
            throw new OptionException("device", $"the CUDA device could not be used ({e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}); use {{device}} cpu.", e);
        }
    }

    /// <summary>ILGPU's CPU accelerator: the same kernels run as .NET code on the host (for tests; slow).</summary>
    public static IlgpuBackend CpuSimulator()
    {
        var context = Context.Create(builder => builder.CPU().EnableAlgorithms());
        return new IlgpuBackend(context, context.CreateCPUAccelerator(0));
    }

    /// <summary>The device's name as ILGPU reports it.</summary>
    public string Device { get; }

    /// <summary>Host threads: one (the device runs the kernels).</summary>
    public int Threads => 1;

    public void Dispose()
    {
        _staging.Dispose();
        _accelerator.Dispose();
        _context.Dispose();
    }
}
