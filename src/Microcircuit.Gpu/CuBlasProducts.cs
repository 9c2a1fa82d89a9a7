using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace Microcircuit.Gpu;

/// <summary>
/// The three GEMM layouts handed to NVIDIA's cuBLAS (through ILGPU.Algorithms), where its library is installed beside the
/// driver. cuBLAS is column-major, and a row-major matrix read column-major is its transpose, so the row-major
/// C = op(A)·op(B) is computed as the column-major Cᵀ = op(B)ᵀ·op(A)ᵀ with the operands swapped: C [m × n] row-major is
/// Cᵀ [n × m] column-major with leading dimension n.
/// </summary>
internal sealed class CuBlasProducts : IDisposable
{
    private readonly CuBlas _blas;

    private CuBlasProducts(CuBlas blas) => _blas = blas;

    /// <summary>cuBLAS on <paramref name="accelerator"/>'s stream, or null (with why) when its library cannot be loaded.</summary>
    public static CuBlasProducts? TryOpen(CudaAccelerator accelerator, out string? why)
    {
        try
        {
            var blas = new CuBlas(accelerator) { Stream = (CudaStream)accelerator.DefaultStream };
            why = null;
            return new CuBlasProducts(blas);
        }
        catch (Exception e)
        {
            why = $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
            return null;
        }
    }

    public void Gemm(ProductLayout layout, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, int m, int n, int k, bool accumulate)
    {
        float beta = accumulate ? 1f : 0f;
        switch (layout)
        {
            case ProductLayout.NN:   // A [m × k], B [k × n]: Cᵀ = Bᵀ·Aᵀ, both as stored
                _blas.Gemm(CuBlasOperation.NonTranspose, CuBlasOperation.NonTranspose, n, m, k, 1f, b, n, a, k, beta, c, n);
                break;
            case ProductLayout.NT:   // A [m × k], B [n × k]: Cᵀ = B·Aᵀ, B's stored Bᵀ transposed
                _blas.Gemm(CuBlasOperation.Transpose, CuBlasOperation.NonTranspose, n, m, k, 1f, b, k, a, k, beta, c, n);
                break;
            default:                      // A [k × m], B [k × n]: Cᵀ = Bᵀ·A, A's stored Aᵀ transposed
                _blas.Gemm(CuBlasOperation.NonTranspose, CuBlasOperation.Transpose, n, m, k, 1f, b, n, a, m, beta, c, n);
                break;
        }
    }

    public void Dispose() => _blas.Dispose();
}
