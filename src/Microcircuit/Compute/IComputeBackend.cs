namespace Microcircuit.Compute;

/// <summary>
/// Where a step's numbers are computed. Every numeric operation of simulation and learning — the products, the
/// convolutions, pooling, the LIF + gate step, the element-wise passes of the rules and optimisers, and the reductions —
/// is a call on this interface; layers, rules and optimisers hold their arrays and say what to compute, a back end
/// decides how (and on how many threads). <see cref="Cpu.CpuBackend"/> is the reference: the SIMD kernels of this
/// library, the same bits for any thread count. A new back end implements these interfaces; docs/architecture.md says
/// where it plugs in.
/// </summary>
public interface IComputeBackend : IMatrixKernels, IConvolutionKernels, ICellKernels, ILearningKernels, IOptimizerKernels, IElementwiseKernels,
    IDeviceMemory
{
    /// <summary>What the numbers are computed on, in words (the CPU back end: the host's processors; a GPU: its name).</summary>
    string Device { get; }

    /// <summary>Worker threads the back end may use (1: the caller's thread only). Results do not depend on it.</summary>
    int Threads { get; }
}
