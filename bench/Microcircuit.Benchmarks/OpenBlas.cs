using System.Reflection;
using System.Runtime.InteropServices;

namespace Microcircuit.Benchmarks;

/// <summary>P/Invoke binding to OpenBLAS's cblas_sgemm (Debian's libopenblas0), pinned to one thread.</summary>
internal static unsafe partial class OpenBlas
{
    private const string Library = "openblas";
    private const int RowMajor = 101;
    private const int NoTrans = 111;
    private const int Trans = 112;

    private static readonly string[] Candidates =
    [
        "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/openblas-serial/libopenblas.so.0",
        "/usr/lib/libopenblas.so.0",
        "libopenblas.so.0",
    ];

    private static int initialized;

    /// <summary>Registers the library resolver and sets OpenBLAS to one thread; safe to call repeatedly.</summary>
    public static void Initialize(int threads = 1)
    {
        if (Interlocked.Exchange(ref initialized, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(OpenBlas).Assembly, Resolve);
        }
        openblas_set_num_threads(threads);
    }

    public static string CoreName => Marshal.PtrToStringAnsi(openblas_get_corename()) ?? "?";

    /// <summary>C[m×n] (+)= op(A)·op(B), all row-major, as Gemm.NN / NT / TN lay them out.</summary>
    public static void Sgemm(bool transposeA, bool transposeB, float* a, float* b, float* c, int m, int n, int k, bool accumulate)
    {
        cblas_sgemm(RowMajor, transposeA ? Trans : NoTrans, transposeB ? Trans : NoTrans, m, n, k, 1f,
            a, transposeA ? m : k, b, transposeB ? k : n, accumulate ? 1f : 0f, c, n);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }
        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }
        throw new DllNotFoundException("OpenBLAS not found; install Debian's libopenblas0 (tried " + string.Join(", ", Candidates) + ").");
    }

    [LibraryImport(Library)]
    private static partial void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    [LibraryImport(Library)]
    private static partial void openblas_set_num_threads(int threads);

    [LibraryImport(Library)]
    private static partial IntPtr openblas_get_corename();
}
