using Microcircuit.Compute.Cpu;
using Microcircuit.Circuits;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Circuits;

/// <summary>
/// What every spiking error-cell mechanism must keep: below capacity its spikes are δ's unbiased code (the mean over
/// seeds of every cell's signal at every step is δ), each cell's spikes depend on its own input only, and the firing
/// rate and saturation it reports are what it fired.
/// </summary>
public sealed class ErrorCodingTests
{
    private const int Cells = 24, Steps = 5;

    /// <summary>A fixed error sequence δ[t][i] in (−0.8, 0.8), signs changing over time for some cells.</summary>
    private static readonly float[][] Delta = Enumerable.Range(0, Steps)
        .Select(t => Enumerable.Range(0, Cells).Select(i => 0.8f * MathF.Sin(1.3f * i + 0.7f * t * (i % 3))).ToArray()).ToArray();

    public static TheoryData<string, ErrorCellCoding> Mechanisms() => new()
    {
        { "bernoulli, fixed 1", new ErrorCellCoding(ErrorCoding.Bernoulli, ErrorGain.Fixed, 1f, 0.1f, 1, 1) },
        { "bernoulli, fixed 0.5, bursts of 2", new ErrorCellCoding(ErrorCoding.Bernoulli, ErrorGain.Fixed, 0.5f, 0.1f, 2, 1) },
        { "bernoulli, fixed 1, 3 pairs", new ErrorCellCoding(ErrorCoding.Bernoulli, ErrorGain.Fixed, 1f, 0.1f, 1, 3) },
        { "sigma-delta, fixed 0.5, bursts of 2", new ErrorCellCoding(ErrorCoding.SigmaDelta, ErrorGain.Fixed, 0.5f, 0.1f, 2, 1) },
        { "sigma-delta, fixed 0.3, bursts of 4, 3 pairs", new ErrorCellCoding(ErrorCoding.SigmaDelta, ErrorGain.Fixed, 0.3f, 0.1f, 4, 3) },
        { "sigma-delta, adaptive 0.1, bursts of 16", new ErrorCellCoding(ErrorCoding.SigmaDelta, ErrorGain.Adaptive, 1f, 0.1f, 16, 1) },
        { "bernoulli, adaptive 0.05, bursts of 16", new ErrorCellCoding(ErrorCoding.Bernoulli, ErrorGain.Adaptive, 1f, 0.05f, 16, 1) },
    };

    /// <summary>A population warmed up by one batch of the same errors, so an adaptive gain holds an estimate.</summary>
    private static ErrorInterneurons Warm(ErrorCellCoding coding, SeededRandom random)
    {
        var cells = new ErrorInterneurons(Cells, ErrorCellMode.Spiking, coding, random);
        cells.Reset(1);
        foreach (var d in Delta) cells.Drive(d, CpuBackend.Serial);
        cells.EndBatch();
        cells.Reset(1);
        return cells;
    }

    [Theory]
    [MemberData(nameof(Mechanisms))]
    public void Below_capacity_the_spikes_are_an_unbiased_code_of_the_error_at_every_step(string name, ErrorCellCoding coding)
    {
        const int repeats = 6000;
        var sum = new double[Steps, Cells];
        var squares = new double[Steps, Cells];
        for (int r = 0; r < repeats; r++)
        {
            var cells = Warm(coding, SeededRandom.Derive(77, (ulong)r));
            for (int t = 0; t < Steps; t++)
            {
                cells.Drive(Delta[t], CpuBackend.Serial);
                for (int i = 0; i < Cells; i++)
                {
                    sum[t, i] += cells.Net[i];
                    squares[t, i] += (double)cells.Net[i] * cells.Net[i];
                }
            }
            Assert.Equal(0, cells.TakeStatistics().Saturated, 6);
        }
        // Each cell-step's mean against δ in standard errors of that mean: a coding that is unbiased stays within a few;
        // a bias of a few hundredths of δ_max, over 6,000 seeds, does not.
        double worst = 0, worstGap = 0;
        for (int t = 0; t < Steps; t++)
            for (int i = 0; i < Cells; i++)
            {
                double mean = sum[t, i] / repeats, variance = Math.Max(squares[t, i] / repeats - mean * mean, 1e-12);
                double z = Math.Abs(mean - Delta[t][i]) / Math.Sqrt(variance / repeats);
                if (z > worst) (worst, worstGap) = (z, Math.Abs(mean - Delta[t][i]));
            }
        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: largest |mean − δ| over {Steps * Cells} cell-steps and {repeats} seeds is {worst:F2} standard errors ({worstGap:F4})");
        Assert.True(worst < 5, $"{name}: the mean signal misses δ by {worst:F2} standard errors ({worstGap:F4}) at some cell and step");
    }

    [Theory]
    [MemberData(nameof(Mechanisms))]
    public void Each_cell_spikes_from_its_own_input_only(string name, ErrorCellCoding coding)
    {
        var plain = Warm(coding, new SeededRandom(5));
        var changed = Warm(coding, new SeededRandom(5));
        const int cell = 7;
        for (int t = 0; t < Steps; t++)
        {
            var d = (float[])Delta[t].Clone();
            if (t >= 2) d[cell] = -d[cell] + 0.3f;
            plain.Drive(Delta[t], CpuBackend.Serial);
            changed.Drive(d, CpuBackend.Serial);
            for (int i = 0; i < Cells; i++)
                if (i != cell) Assert.True(plain.Net[i] == changed.Net[i], $"{name}: cell {i} changed at step {t + 1} when only cell {cell}'s input did");
        }
    }

    [Fact]
    public void A_sigma_delta_pair_sends_the_whole_error_of_a_sample_and_counts_its_spikes()
    {
        var cells = new ErrorInterneurons(1, ErrorCellMode.Spiking, new ErrorCellCoding(ErrorCoding.SigmaDelta, ErrorGain.Fixed, 1f, 0.1f, 1, 1), new SeededRandom(3));
        cells.Reset(1);
        float sent = 0f;
        for (int t = 0; t < 10; t++)
        {
            cells.Drive([0.3f], CpuBackend.Serial);
            sent += cells.Net[0];
        }
        Assert.Equal(3f, sent);   // three spikes of δ_max = 1 for Σδ = 3, whatever the dither
        var (rate, saturated) = cells.TakeStatistics();
        Assert.Equal(3.0 / (10 * 2), rate, 12);   // spikes per error cell (two per pair) per step
        Assert.Equal(0, saturated);
    }

    [Fact]
    public void What_a_step_cannot_send_is_counted_as_saturation_and_sigma_delta_sends_it_later()
    {
        var coding = new ErrorCellCoding(ErrorCoding.SigmaDelta, ErrorGain.Fixed, 1f, 0.1f, 1, 1);
        var cells = new ErrorInterneurons(1, ErrorCellMode.Spiking, coding, new SeededRandom(3));
        cells.Reset(1);
        float[] drive = [2.2f, 0f, 0f];
        float sent = 0f;
        foreach (float d in drive)
        {
            cells.Drive([d], CpuBackend.Serial);
            sent += cells.Net[0];
        }
        Assert.Equal(2f, sent);            // one spike a step: 1 + 1, the last 0.2 below half a quantum stays
        Assert.Equal(1.0 / 3, cells.TakeStatistics().Saturated, 12);   // the first step could not send its 2.2 at once

        var coin = new ErrorInterneurons(1, ErrorCellMode.Spiking, coding with { Coding = ErrorCoding.Bernoulli }, new SeededRandom(3));
        coin.Reset(1);
        coin.Drive([2.2f], CpuBackend.Serial);
        Assert.Equal(1f, coin.Net[0]);     // clipped: one spike of δ_max at most
        Assert.Equal(1.0, coin.TakeStatistics().Saturated, 12);
    }

    [Theory]
    [InlineData(ErrorCoding.SigmaDelta, 0.1f)]
    [InlineData(ErrorCoding.Bernoulli, 0.05f)]
    public void An_adaptive_gain_holds_the_error_cells_at_their_target_rate(ErrorCoding kind, float target)
    {
        var coding = new ErrorCellCoding(kind, ErrorGain.Adaptive, 5f, target, 16, 1);
        var cells = new ErrorInterneurons(200, ErrorCellMode.Spiking, coding, new SeededRandom(9));
        var draw = new SeededRandom(10);
        var delta = new float[200];
        for (int batch = 0; batch < 60; batch++)
        {
            if (batch == 40) cells.TakeStatistics();   // measure once the gain has settled
            cells.Reset(1);
            for (int t = 0; t < Steps; t++)
            {
                for (int i = 0; i < delta.Length; i++) delta[i] = (draw.NextFloat() - 0.5f) * 0.02f;   // |δ| ≈ 0.005 on average, far below δ_max = 5
                cells.Drive(delta, CpuBackend.Serial);
            }
            cells.EndBatch();
        }
        var (rate, _) = cells.TakeStatistics();
        TestContext.Current.TestOutputHelper?.WriteLine($"{kind}: rate {rate:F4} for a target of {target}, δ_max {cells.Quantum:G4}");
        Assert.InRange(rate, 0.8 * target, 1.2 * target);
    }
}
