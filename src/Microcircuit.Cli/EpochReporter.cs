using Microcircuit.Learning.Alignment;

namespace Microcircuit.Cli;

/// <summary>Keeps the learning curve, rewrites history.csv after every epoch and prints one line per epoch.</summary>
public sealed class EpochReporter(List<EpochMetrics> history, RunDirectory? run, OutputMode mode, TextWriter output) : ITrainingObserver
{
    public Action<string>? Print { get; set; }

    /// <summary>T of each epoch when the simulation length ramps (--steps-start); each epoch's line then names it.</summary>
    public Func<int, int>? StepsOfEpoch { get; set; }

    private readonly List<AlignmentSample> _alignment = [];

    /// <summary>Every alignment measurement of the run so far.</summary>
    public IReadOnlyList<AlignmentSample> Alignment => _alignment;

    public void OnAlignment(AlignmentSample sample) => _alignment.Add(sample);

    public void OnCalibrated(float targetRate, IReadOnlyList<float> scales)
    {
        if (mode != OutputMode.Normal) return;
        string factors = string.Join(" ", scales.Select(s => "×" + s.ToString("F2", CultureInfo.InvariantCulture)));
        (Print ?? output.WriteLine)(string.Create(CultureInfo.InvariantCulture, $"initial weights scaled per layer to fire at rate {targetRate}: {factors}"));
    }

    public void OnEpoch(EpochMetrics m)
    {
        history.Add(m);
        run?.WriteHistory(history);
        if (_alignment.Count > 0) run?.WriteAlignment(_alignment);
        if (mode != OutputMode.Normal) return;
        string rates = string.Join(" ", m.TestFiringRates.Select(r => r.ToString("F3", CultureInfo.InvariantCulture)));
        string angles = m.AlignmentVersusBptt is { } a
            ? "  angle to BPTT " + string.Join(" ", a.Select(v => double.IsFinite(v) ? v.ToString("F1", CultureInfo.InvariantCulture) + "°" : "–"))
            : "";
        string line = string.Create(CultureInfo.InvariantCulture,
            $"epoch {m.Epoch,3}{(StepsOfEpoch is { } steps ? $"  T {steps(m.Epoch)}" : "")}  loss {m.TrainLoss:F4}  train {m.TrainAccuracy:F4}  test {m.TestAccuracy:F4}  {m.SamplesPerSecond,7:F0} samples/s  firing rates {rates}{angles}");
        (Print ?? output.WriteLine)(line);
    }
}
