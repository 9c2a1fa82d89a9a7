using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Microcircuit.Randomness;

namespace Microcircuit.Circuits;

/// <summary>
/// The positive and negative error interneurons paired with each pyramidal cell of a layer (PAPER.md §3).
/// Firing is non-negative while errors are signed, so E⁺ carries [δ]₊ and E⁻ carries [−δ]₊; their synapses
/// onto the apical compartments below act with opposite signs, so what propagates is E⁺ − E⁻.
/// </summary>
public sealed class ErrorInterneurons
{
    private readonly ErrorCellMode _mode;
    private readonly float _maxError;
    private readonly SeededRandom? _random;

    /// <param name="maxError">δ_max: the error one spike carries in spiking mode.</param>
    /// <param name="random">Spike draws in spiking mode.</param>
    public ErrorInterneurons(int cells, ErrorCellMode mode, float maxError, SeededRandom? random)
    {
        if (mode == ErrorCellMode.Spiking && (random is null || !(maxError > 0f)))
            throw new ArgumentException("Spiking error cells need a generator and a positive δ_max.");
        Cells = cells;
        _mode = mode;
        _maxError = maxError;
        _random = random;
    }

    public int Cells { get; }

    private float[] _positive = [];
    private float[] _negative = [];
    private int _active;            // cells × batch driven at the current step
    private bool _splitCurrent;     // whether _positive/_negative hold this step's activity

    /// <summary>
    /// E⁺ activity [batch × cells] at the current step. With graded cells it is [E⁺ − E⁻]₊ and is split off the net
    /// signal only when read (training never reads it, inspection does).
    /// </summary>
    public float[] Positive
    {
        get
        {
            Split();
            return _positive;
        }
    }

    /// <summary>E⁻ activity [batch × cells] at the current step (see <see cref="Positive"/>).</summary>
    public float[] Negative
    {
        get
        {
            Split();
            return _negative;
        }
    }

    /// <summary>E⁺ − E⁻, the signed error these cells deliver [batch × cells].</summary>
    public float[] Net { get; private set; } = [];

    public void Reset(int batch)
    {
        int n = batch * Cells;
        if (Net.Length < n)
        {
            _positive = new float[n];
            _negative = new float[n];
            Net = new float[n];
        }
    }

    /// <summary>
    /// Drives the pair with the local error δ = g ⊙ v, formed here from the cells' gate and their apical potential (at
    /// the output, the teacher comparison), and updates their activity.
    /// </summary>
    /// <param name="threads">Long layers form δ in blocks on several threads (the same bits); spiking cells draw on one.</param>
    public void Drive(ReadOnlySpan<float> gate, ReadOnlySpan<float> potential, int threads = 1)
    {
        int n = potential.Length;
        var delta = Net.AsSpan(0, n);
        LocalError.Product(gate[..n], potential, delta, threads);
        Drive(delta);
    }

    /// <summary>
    /// Drives the pair with δ = g ⊙ v as <see cref="Drive(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/> does and adds the
    /// pair's activity times <paramref name="inputGain"/> to <paramref name="inputSum"/> (the first layer's collapsed
    /// Hebbian sum under constant input); graded cells do both in one pass.
    /// </summary>
    public void Drive(ReadOnlySpan<float> gate, ReadOnlySpan<float> potential, Span<float> inputSum, float inputGain, int threads = 1)
    {
        int n = potential.Length;
        if (_mode != ErrorCellMode.Graded)
        {
            Drive(gate, potential, threads);
            TensorPrimitives.MultiplyAdd(Net.AsSpan(0, n), inputGain, inputSum[..n], inputSum[..n]);
            return;
        }
        LocalError.Form(gate, potential, Net.AsSpan(0, n), inputSum, inputGain, threads);
        Drive(Net.AsSpan(0, n));
    }

    /// <summary>Drives the pair with the local error δ = g ⊙ v and updates their activity.</summary>
    public void Drive(ReadOnlySpan<float> delta)
    {
        int n = delta.Length;
        _active = n;
        var net = Net.AsSpan(0, n);
        if (_mode == ErrorCellMode.Graded)
        {
            // [δ]₊ − [−δ]₊ = δ exactly: the pair's net signal is the error itself.
            if (!delta.Overlaps(net)) delta.CopyTo(net);
            _splitCurrent = false;
            return;
        }
        var plus = _positive.AsSpan(0, n);
        var minus = _negative.AsSpan(0, n);
        _splitCurrent = true;
        var random = _random!;
        float dmax = _maxError;
        for (int i = 0; i < n; i++)
        {
            float d = delta[i];
            float p = MathF.Abs(d) / dmax;
            bool fires = random.NextFloat() < p;
            float up = fires && d > 0f ? dmax : 0f;
            float down = fires && d < 0f ? dmax : 0f;
            plus[i] = up;
            minus[i] = down;
            net[i] = up - down;
        }
    }

    private void Split()
    {
        if (_splitCurrent) return;
        Split(Net.AsSpan(0, _active), _positive.AsSpan(0, _active), _negative.AsSpan(0, _active));
        _splitCurrent = true;
    }

    private static void Split(ReadOnlySpan<float> delta, Span<float> plus, Span<float> minus)
    {
        int i = 0, n = delta.Length;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float d0 = ref MemoryMarshal.GetReference(delta);
            ref float p0 = ref MemoryMarshal.GetReference(plus);
            ref float m0 = ref MemoryMarshal.GetReference(minus);
            var zero = Vector256<float>.Zero;
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var d = Vector256.LoadUnsafe(ref d0, (nuint)i);
                var up = Vector256.Max(d, zero);
                var down = Vector256.Max(-d, zero);
                up.StoreUnsafe(ref p0, (nuint)i);
                down.StoreUnsafe(ref m0, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            plus[i] = MathF.Max(delta[i], 0f);
            minus[i] = MathF.Max(-delta[i], 0f);
        }
    }
}
