using Microcircuit.Compute;
using Microcircuit.Randomness;

namespace Microcircuit.Circuits;

/// <summary>
/// The positive and negative error interneurons paired with each pyramidal cell of a layer (docs/paper.md §3).
/// Firing is non-negative while errors are signed, so E⁺ carries [δ]₊ and E⁻ carries [−δ]₊; their synapses
/// onto the apical compartments below act with opposite signs, so what propagates is E⁺ − E⁻.
/// </summary>
public sealed class ErrorInterneurons
{
    private readonly ErrorCellMode _mode;
    private readonly ErrorCellCoding _coding;
    private readonly SeededRandom? _random;

    /// <param name="maxError">δ_max: the error one spike carries in spiking mode (the paper's Bernoulli cells).</param>
    /// <param name="random">Spike draws in spiking mode.</param>
    public ErrorInterneurons(int cells, ErrorCellMode mode, float maxError, SeededRandom? random)
        : this(cells, mode, ErrorCellCoding.Paper(maxError), random)
    {
    }

    /// <param name="coding">How spiking cells code δ (ignored by graded cells).</param>
    /// <param name="random">Spike draws and dither in spiking mode.</param>
    public ErrorInterneurons(int cells, ErrorCellMode mode, ErrorCellCoding coding, SeededRandom? random)
    {
        if (mode == ErrorCellMode.Spiking && (random is null || !(coding.SpikeValue > 0f) || coding.Burst < 1 || coding.Pairs < 1
            || (coding.Gain == ErrorGain.Adaptive && !(coding.TargetRate > 0f))))
            throw new ArgumentException("Spiking error cells need a generator, a positive δ_max, a burst and a pair count of at least 1 and, adaptive, a positive target rate.");
        Cells = cells;
        _mode = mode;
        _coding = coding;
        _random = random;
        Quantum = coding.SpikeValue;
    }

    /// <summary>How these cells signal.</summary>
    public ErrorCellMode Mode => _mode;

    /// <summary>δ_max in force: what one spike of one pair carries (each spike adds δ_max / pairs to the net signal).</summary>
    public float Quantum { get; private set; }

    private float[] _membrane = [];     // sigma-delta: each pair's membrane, [pairs × batch × cells]
    private double _absSum;             // adaptive gain: Σ|δ| since the last batch began
    private long _absCount;
    private bool _gainSet;              // adaptive gain: whether Quantum holds an estimate yet

    private long _spikes, _saturated, _driven;   // this epoch so far: spikes fired, cell-steps at capacity, cell-steps driven

    public int Cells { get; }

    private float[] _positive = [];
    private float[] _negative = [];
    private int _active;            // cells × batch driven at the current step
    private bool _splitCurrent;     // whether _positive/_negative hold this step's activity
    private IComputeBackend? _compute;   // the back end of the latest drive (the split on reading uses it)

    /// <summary>
    /// E⁺ activity [batch × cells] at the current step. With graded cells it is [E⁺ − E⁻]₊ and is split off the net
    /// signal only when read (training never reads it, inspection does).
    /// </summary>
    public float[] Positive
    {
        get
        {
            Split();
            _compute?.ToHost(_positive);
            return _positive;
        }
    }

    /// <summary>E⁻ activity [batch × cells] at the current step (see <see cref="Positive"/>).</summary>
    public float[] Negative
    {
        get
        {
            Split();
            _compute?.ToHost(_negative);
            return _negative;
        }
    }

    /// <summary>E⁺ − E⁻, the signed error these cells deliver [batch × cells].</summary>
    public float[] Net { get; private set; } = [];

    /// <summary>Prepares a batch: buffers, and each sigma-delta membrane's dithered start (δ_max is the one in force).</summary>
    public void Reset(int batch, IComputeBackend? compute = null)
    {
        int n = batch * Cells;
        if (compute is not null && !ReferenceEquals(compute, _compute))
        {
            _compute = compute;
            _positive = Net = _negative = [];
        }
        if (Net.Length < n)
        {
            _positive = Allocate(n);
            _negative = Allocate(n);
            Net = Allocate(n);
        }
        if (_mode != ErrorCellMode.Spiking) return;
        _absSum = 0;
        _absCount = 0;
        if (_coding.Coding == ErrorCoding.SigmaDelta)
        {
            int m = n * _coding.Pairs;
            if (_membrane.Length < m) _membrane = new float[m];
            float q = Quantum;
            for (int i = 0; i < m; i++) _membrane[i] = (_random!.NextFloat() - 0.5f) * q;
        }
    }

    /// <summary>
    /// Ends a batch: an adaptive gain moves δ_max towards the value at which this batch's mean |δ| would have fired the
    /// cells at the target rate. Done at the end of the batch, so that the gain's whole state after a batch is δ_max
    /// (what a checkpoint stores) and a resumed run continues with the same bits.
    /// </summary>
    public void EndBatch()
    {
        if (_mode != ErrorCellMode.Spiking || _coding.Gain != ErrorGain.Adaptive || _absCount == 0) return;
        // Spikes per error cell per step are |δ| / (2 δ_max) on average (two cells per pair share the error).
        float target = (float)(_absSum / _absCount / (2.0 * _coding.TargetRate));
        if (target > 0f && float.IsFinite(target))
        {
            Quantum = _gainSet ? (1f - ErrorCellCoding.GainSmoothing) * Quantum + ErrorCellCoding.GainSmoothing * target : target;
            _gainSet = true;
        }
        _absSum = 0;
        _absCount = 0;
    }

    /// <summary>The adaptive gain's state, for checkpoints: δ_max and whether it holds an estimate yet.</summary>
    public (float Quantum, bool Set) GainState => (Quantum, _gainSet);

    /// <summary>Restores <see cref="GainState"/> (a resumed run continues with the δ_max it had).</summary>
    public void RestoreGain(float quantum, bool set)
    {
        Quantum = quantum;
        _gainSet = set;
    }

    /// <summary>
    /// The firing rate (spikes per error cell per step) and the fraction of cell-steps at capacity since the last call,
    /// which starts the count afresh; NaN for graded cells or before any step.
    /// </summary>
    public (double Rate, double Saturated) TakeStatistics()
    {
        bool none = _mode != ErrorCellMode.Spiking || _driven == 0;
        var result = none ? (double.NaN, double.NaN) : ((double)_spikes / (_driven * 2.0 * _coding.Pairs), (double)_saturated / _driven);
        _spikes = _saturated = _driven = 0;
        return result;
    }

    /// <summary>
    /// Drives the pair with the local error δ = g ⊙ v, formed here from the cells' gate and their apical potential (at
    /// the output, the teacher comparison), and updates their activity.
    /// </summary>
    /// <param name="compute">Forms δ (spiking cells then draw on the host, in the seeded generator's order).</param>
    public void Drive(ReadOnlySpan<float> gate, ReadOnlySpan<float> potential, IComputeBackend compute)
    {
        int n = potential.Length;
        var delta = Net.AsSpan(0, n);
        _compute = compute;
        compute.LocalError(gate[..n], potential, delta);
        Drive(delta);
    }

    /// <summary>
    /// Drives the pair with δ = g ⊙ v as <see cref="Drive(ReadOnlySpan{float}, ReadOnlySpan{float}, IComputeBackend)"/> does and adds the
    /// pair's activity times <paramref name="inputGain"/> to <paramref name="inputSum"/> (the first layer's collapsed
    /// Hebbian sum under constant input); graded cells do both in one pass.
    /// </summary>
    public void Drive(ReadOnlySpan<float> gate, ReadOnlySpan<float> potential, Span<float> inputSum, float inputGain, IComputeBackend compute)
    {
        int n = potential.Length;
        if (_mode != ErrorCellMode.Graded)
        {
            Drive(gate, potential, compute);
            compute.MultiplyAdd(Net.AsSpan(0, n), inputGain, inputSum[..n], inputSum[..n]);
            return;
        }
        _compute = compute;
        compute.LocalErrorWithSum(gate, potential, Net.AsSpan(0, n), inputSum, inputGain);
        Drive(Net.AsSpan(0, n));
    }

    /// <summary>Drives the pair with the local error δ = g ⊙ v, formed already, and updates their activity.</summary>
    public void Drive(ReadOnlySpan<float> delta, IComputeBackend compute)
    {
        _compute = compute;
        Drive(delta);
    }

    private void Drive(ReadOnlySpan<float> delta)
    {
        int n = delta.Length;
        _active = n;
        var net = Net.AsSpan(0, n);
        // δ into Net, where the back end keeps it. A graded pair's net signal is the error itself: [δ]₊ − [−δ]₊ = δ exactly.
        if (!delta.Overlaps(net))
        {
            if (_compute is null) delta.CopyTo(net);
            else _compute.Copy(delta, net);
        }
        if (_mode == ErrorCellMode.Graded)
        {
            _splitCurrent = false;
            return;
        }
        var plus = _positive.AsSpan(0, n);
        var minus = _negative.AsSpan(0, n);
        _splitCurrent = true;
        // The draws stay on the host, in the seeded generator's order: δ comes over, the three signals go back. Both codings
        // read δ[i] before they write net[i].
        _compute?.ToHost(Net);
        if (_coding.Coding == ErrorCoding.SigmaDelta) DriveSigmaDelta(net, plus, minus, net);
        else DriveBernoulli(net, plus, minus, net);
        _compute?.FromHost(_positive);
        _compute?.FromHost(_negative);
        _compute?.FromHost(Net);
        _driven += n;
    }

    /// <summary>Each pair fires up to Burst spikes per cell and step, each with probability |δ| / (Burst δ_max).</summary>
    private void DriveBernoulli(ReadOnlySpan<float> delta, Span<float> plus, Span<float> minus, Span<float> net)
    {
        var random = _random!;
        float q = Quantum, capacity = _coding.Burst * q, value = q / _coding.Pairs;
        int draws = _coding.Burst * _coding.Pairs;
        long spikes = 0, saturated = 0;
        double absSum = 0;
        for (int i = 0; i < delta.Length; i++)
        {
            float d = delta[i];
            float a = MathF.Abs(d);
            float p = a / capacity;
            if (p > 1f) saturated++;
            int count = 0;
            for (int j = 0; j < draws; j++)
                if (random.NextFloat() < p) count++;
            spikes += count;
            absSum += a;
            float sent = count * value;
            float up = d > 0f ? sent : 0f;
            float down = d < 0f ? sent : 0f;
            plus[i] = up;
            minus[i] = down;
            net[i] = up - down;
        }
        Count(spikes, saturated, absSum, delta.Length);
    }

    /// <summary>Each pair's membrane integrates δ and sends the nearest whole number of δ_max (at most Burst a step).</summary>
    private void DriveSigmaDelta(ReadOnlySpan<float> delta, Span<float> plus, Span<float> minus, Span<float> net)
    {
        int n = delta.Length, pairs = _coding.Pairs;
        float q = Quantum, inverse = 1f / q, value = q / pairs, burst = _coding.Burst;
        long spikes = 0, saturated = 0;
        double absSum = 0;
        for (int i = 0; i < n; i++)
        {
            float d = delta[i];
            absSum += MathF.Abs(d);
            float sent = 0f;
            bool full = false;
            for (int j = 0; j < pairs; j++)
            {
                ref float membrane = ref _membrane[j * n + i];
                float v = membrane + d;
                float fired = MathF.Floor(v * inverse + 0.5f);
                if (MathF.Abs(fired) > burst)
                {
                    fired = MathF.CopySign(burst, fired);
                    full = true;
                }
                membrane = v - fired * q;
                sent += fired;
                spikes += (long)MathF.Abs(fired);
            }
            if (full) saturated++;
            float signal = sent * value;
            plus[i] = MathF.Max(signal, 0f);
            minus[i] = MathF.Max(-signal, 0f);
            net[i] = signal;
        }
        Count(spikes, saturated, absSum, n);
    }

    private void Count(long spikes, long saturated, double absSum, int driven)
    {
        _spikes += spikes;
        _saturated += saturated;
        _absSum += absSum;
        _absCount += driven;
    }

    private float[] Allocate(int length) => _compute?.Allocate(length) ?? new float[length];

    private void Split()
    {
        if (_splitCurrent) return;
        _compute?.SplitSigns(Net.AsSpan(0, _active), _positive.AsSpan(0, _active), _negative.AsSpan(0, _active));
        _splitCurrent = true;
    }
}
