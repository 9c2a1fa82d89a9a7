using Microcircuit.Data;
using Microcircuit.Learning.Alignment;
using Microcircuit.Training;

namespace Microcircuit.Analysis;

/// <summary>
/// Trains several credit-assignment rules on the same dataset, network, seeds and budget — only the rule differs —
/// and gathers accuracy, speed and alignment with BPTT per rule.
/// </summary>
public static class RuleComparison
{
    /// <param name="progress">Called with (rule, seed) before each run and with each run's observer events.</param>
    public static ComparisonResult Run(TrainingOptions baseOptions, IReadOnlyList<string> rules, IReadOnlyList<ulong> seeds,
        LabelledDataset data, Func<string, ulong, ITrainingObserver?>? progress = null, CancellationToken cancel = default)
    {
        if (rules.Count == 0) throw new ArgumentException("No rules to compare.");
        if (seeds.Count == 0) throw new ArgumentException("No seeds to compare over.");
        var runs = new List<ComparisonRun>();
        foreach (var rule in rules)
            foreach (var seed in seeds)
            {
                var options = ComparisonEntries.Apply(baseOptions, rule) with { Seed = seed };
                var experiment = new Experiment(options, data);
                var recorder = new RunRecorder(progress?.Invoke(rule, seed));
                var result = new Trainer(experiment, recorder).Run(cancel);
                runs.Add(new ComparisonRun(rule, seed, result.History, recorder.Alignment, result.SamplesPerSecond));
            }
        return new ComparisonResult(baseOptions.Resolve(), data.Source, runs);
    }

    private sealed class RunRecorder(ITrainingObserver? inner) : ITrainingObserver
    {
        public List<AlignmentSample> Alignment { get; } = [];

        public void OnBatch(in BatchProgress progress) => inner?.OnBatch(progress);
        public void OnEvaluationStarted(int epoch) => inner?.OnEvaluationStarted(epoch);
        public void OnEpoch(EpochMetrics metrics) => inner?.OnEpoch(metrics);
        public void OnCalibrated(float targetRate, IReadOnlyList<float> scales) => inner?.OnCalibrated(targetRate, scales);

        public void OnAlignment(AlignmentSample sample)
        {
            Alignment.Add(sample);
            inner?.OnAlignment(sample);
        }
    }
}

/// <summary>One rule trained with one seed.</summary>
public sealed record ComparisonRun(string Rule, ulong Seed, IReadOnlyList<EpochMetrics> History, IReadOnlyList<AlignmentSample> Alignment, double SamplesPerSecond)
{
    public double TestAccuracy => History[^1].TestAccuracy;

    /// <summary>Per layer, the mean angle to BPTT over the alignment samples of the last epoch (NaN when none).</summary>
    public double[] FinalAlignment(Func<AlignmentSample, IReadOnlyList<double>> which)
    {
        int last = History[^1].Epoch;
        var samples = Alignment.Where(a => a.Epoch == last).Select(which).ToList();
        int layers = History[^1].TestFiringRates.Count;
        return Enumerable.Range(0, layers)
            .Select(l => samples.Select(s => s[l]).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average()).ToArray();
    }
}

/// <summary>Every run of a comparison, and per-rule summaries.</summary>
public sealed record ComparisonResult(TrainingOptions Options, string DataSource, IReadOnlyList<ComparisonRun> Runs)
{
    public IReadOnlyList<string> Rules => Runs.Select(r => r.Rule).Distinct().ToList();

    public RuleSummary<IReadOnlyList<double>> Summary(string rule)
    {
        var runs = Runs.Where(r => r.Rule == rule).ToList();
        var accuracies = runs.Select(r => r.TestAccuracy).ToArray();
        double mean = accuracies.Average();
        double std = accuracies.Length > 1 ? Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / (accuracies.Length - 1)) : 0;
        return new RuleSummary<IReadOnlyList<double>>(rule, mean, std, runs.Select(r => r.Seed).ToArray(), accuracies, runs.Average(r => r.SamplesPerSecond),
            LayerMeans(runs.Select(r => r.FinalAlignment(a => a.VersusBptt))),
            LayerMeans(runs.Select(r => r.FinalAlignment(a => a.VersusBp))),
            LayerMeans(runs.Select(r => r.FinalAlignment(a => a.FeedbackVersusForward))),
            LayerMeans(runs.Select(r => r.History[^1].ErrorCellRates?.ToArray() ?? Enumerable.Repeat(double.NaN, r.History[^1].TestFiringRates.Count).ToArray())),
            LayerMeans(runs.Select(r => r.FinalAlignment(a => a.VersusGraded ?? Enumerable.Repeat(double.NaN, a.VersusBptt.Count).ToArray()))));
    }

    private static double[] LayerMeans(IEnumerable<double[]> perRun)
    {
        var list = perRun.ToList();
        return Enumerable.Range(0, list[0].Length)
            .Select(l => list.Select(r => r[l]).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average()).ToArray();
    }
}

/// <summary>
/// A rule's figures across seeds: what comparison.json holds per rule. A per-layer figure is a
/// <typeparamref name="TLayers"/>: a list with NaN where nothing was measured in a comparison's result, nullable
/// numbers in comparison.json.
/// </summary>
public sealed record RuleSummary<TLayers>(
    string Rule,
    double TestAccuracyMean,
    double TestAccuracyStd,
    IReadOnlyList<ulong> Seeds,
    IReadOnlyList<double> TestAccuracies,
    double SamplesPerSecond,
    TLayers AlignmentDeg,
    TLayers AlignmentVersusBpDeg,
    TLayers FeedbackAngleDeg,
    TLayers ErrorCellRate,
    TLayers AlignmentVersusGradedDeg)
{
    /// <summary>
    /// The same figures with each per-layer one converted: the angles every rule has by <paramref name="always"/>, the
    /// error cells' rate and the angle to the graded circuit (only some rules have them) by <paramref name="some"/>.
    /// </summary>
    public RuleSummary<T> WithLayers<T>(Func<TLayers, T> always, Func<TLayers, T> some) =>
        new(Rule, TestAccuracyMean, TestAccuracyStd, Seeds, TestAccuracies, SamplesPerSecond,
            always(AlignmentDeg), always(AlignmentVersusBpDeg), always(FeedbackAngleDeg), some(ErrorCellRate), some(AlignmentVersusGradedDeg));
}
