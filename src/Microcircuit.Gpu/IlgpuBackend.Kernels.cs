using ILGPU;
using ILGPU.Runtime;
using Microcircuit.Compute;

namespace Microcircuit.Gpu;

public sealed partial class IlgpuBackend
{
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>> _add = null!, _multiply = null!;
    private Action<Index1D, ArrayView<float>, float, ArrayView<float>> _multiplyScalar = null!;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, int> _addToRows = null!;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, int, int> _addToPlanes = null!;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, int, int, int> _sumPlanes = null!;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, int, int> _sumRows = null!, _transpose = null!;
    private Action<Index1D, ArrayView<float>, float, ArrayView<float>, ArrayView<float>> _multiplyAdd = null!;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, int, int, int, ArrayView<double>> _partialDot = null!;
    private Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int, int, int, int, int> _tiledGemm = null!;
    private Action<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int, int, int, int> _gemm = null!;
    private Action<Index1D, Geometry, int, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> _kernelGradientPerTap = null!;
    private Action<Index1D, ArrayView<double>, int> _sumPartials = null!;
    private Action<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int> _spikeGemm = null!;
    private Action<Index1D, Geometry, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float, float> _convolution = null!;
    private Action<Index1D, Geometry, ArrayView<float>, ArrayView<float>, ArrayView<float>> _inputGradient = null!;
    private Action<KernelConfig, Geometry, int, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> _kernelGradient = null!;
    private Action<Index1D, int, int, int, ArrayView<float>, ArrayView<float>> _poolForward = null!, _poolBackward = null!;
    private Action<Index1D, LifConstants, int, float, ArrayView<float>, float, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>> _lif = null!;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, int, float, float> _gate = null!;
    private Action<Index1D, float, float, ArrayView<float>, ArrayView<float>> _filter = null!;
    private Action<Index1D, float, ArrayView<float>, ArrayView<float>> _eligibility = null!;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>> _localError = null!, _splitSigns = null!;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, float> _localErrorWithSum = null!;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, float, float, float> _adjoint = null!;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, float, float, float, int, float, float> _adjointDerived = null!;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamConstants> _adam = null!;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, float> _signStep = null!;
    private Action<Index1D, ArrayView<float>, ArrayView<float>, float, ArrayView<float>, float> _signStepMomentum = null!;
    private Action<Index1D, ArrayView<float>, float> _clamp = null!;
    private Action<Index1D, ArrayView<float>, ArrayView<float>> _keepSigns = null!;

    /// <summary>The grouped kernels' group sizes: as large as the kernels allow, within the device's largest group.</summary>
    private int _tile, _gradientGroup;

    /// <summary>Whether the products and the kernel gradient run as grouped kernels (shared memory, barriers): on a GPU, and on the CPU accelerator when asked (tests).</summary>
    private readonly bool _grouped;

    private void LoadKernels()
    {
        var a = _accelerator;
        _tile = ProductKernels.Tile;
        while (_tile * _tile > a.MaxNumThreadsPerGroup) _tile /= 2;
        _gradientGroup = ConvolutionKernels.GradientGroup;
        while (_gradientGroup > a.MaxNumThreadsPerGroup) _gradientGroup /= 2;
        _add = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>>(ElementwiseKernels.Add);
        _multiply = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>>(ElementwiseKernels.Multiply);
        _multiplyScalar = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, float, ArrayView<float>>(ElementwiseKernels.MultiplyScalar);
        _addToRows = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int>(ElementwiseKernels.AddToRows);
        _addToPlanes = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int, int>(ElementwiseKernels.AddToPlanes);
        _sumPlanes = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int, int, int>(ElementwiseKernels.SumPlanes);
        _sumRows = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int, int>(ElementwiseKernels.SumRows);
        _transpose = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int, int>(ElementwiseKernels.Transpose);
        _multiplyAdd = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, float, ArrayView<float>, ArrayView<float>>(ElementwiseKernels.MultiplyAdd);
        _partialDot = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int, int, int, ArrayView<double>>(ElementwiseKernels.PartialDot);
        _gemm = a.LoadAutoGroupedStreamKernel<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int, int, int, int>(ProductKernels.Gemm);
        _kernelGradientPerTap = a.LoadAutoGroupedStreamKernel<Index1D, Geometry, int, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(ConvolutionKernels.KernelGradient);
        _tiledGemm = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int, int, int, int, int>(ProductKernels.TiledGemm);
        _sumPartials = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, int>(ElementwiseKernels.SumPartials);
        _spikeGemm = a.LoadAutoGroupedStreamKernel<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int>(ProductKernels.SpikeGemm);
        _convolution = a.LoadAutoGroupedStreamKernel<Index1D, Geometry, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float, float>(ConvolutionKernels.Forward);
        _inputGradient = a.LoadAutoGroupedStreamKernel<Index1D, Geometry, ArrayView<float>, ArrayView<float>, ArrayView<float>>(ConvolutionKernels.InputGradient);
        _kernelGradient = a.LoadStreamKernel<Geometry, int, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(ConvolutionKernels.KernelGradientGrouped);
        _poolForward = a.LoadAutoGroupedStreamKernel<Index1D, int, int, int, ArrayView<float>, ArrayView<float>>(ConvolutionKernels.PoolForward);
        _poolBackward = a.LoadAutoGroupedStreamKernel<Index1D, int, int, int, ArrayView<float>, ArrayView<float>>(ConvolutionKernels.PoolBackward);
        _lif = a.LoadAutoGroupedStreamKernel<Index1D, LifConstants, int, float, ArrayView<float>, float, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>>(CellKernels.LifStep);
        _gate = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int, float, float>(CellKernels.EvaluateGate);
        _filter = a.LoadAutoGroupedStreamKernel<Index1D, float, float, ArrayView<float>, ArrayView<float>>(CellKernels.Filter);
        _eligibility = a.LoadAutoGroupedStreamKernel<Index1D, float, ArrayView<float>, ArrayView<float>>(CellKernels.Eligibility);
        _localError = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>>(LearningKernels.LocalError);
        _splitSigns = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>>(LearningKernels.SplitSigns);
        _localErrorWithSum = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, float>(LearningKernels.LocalErrorWithSum);
        _adjoint = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, float, float, float>(LearningKernels.MembraneAdjoint);
        _adjointDerived = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, float, float, float, int, float, float>(LearningKernels.MembraneAdjointDerived);
        _adam = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamConstants>(OptimizerKernels.Adam);
        _signStep = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, float>(OptimizerKernels.SignStep);
        _signStepMomentum = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, float, ArrayView<float>, float>(OptimizerKernels.SignStepMomentum);
        _clamp = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, float>(OptimizerKernels.Clamp);
        _keepSigns = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>>(OptimizerKernels.KeepSigns);
    }
}
