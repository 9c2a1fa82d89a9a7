using System.Diagnostics;
using Spectre.Console;

namespace Microcircuit.Cli;

/// <summary>
/// Runs a training with a live progress bar (samples/s, ETA, running loss and accuracy) when the console is
/// interactive; otherwise with one line per epoch only.
/// </summary>
public static class TrainingProgressView
{
    public static TrainingResult Run(Experiment experiment, EpochReporter reporter, bool showProgress,
        IReadOnlyList<EpochMetrics>? completed = null, CheckpointSchedule? checkpoints = null)
    {
        Trainer NewTrainer(ITrainingObserver observer) => new(experiment, observer) { Completed = completed ?? [], Checkpoints = checkpoints };
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            if (!showProgress || !AnsiConsole.Profile.Capabilities.Interactive)
                return NewTrainer(reporter).Run(cancel.Token);

            TrainingResult? result = null;
            AnsiConsole.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(context =>
                {
                    var bar = new BarObserver(context, experiment.Options.Epochs!.Value, experiment.Train.Count, reporter);
                    reporter.Print = line => AnsiConsole.MarkupLine(Markup.Escape(line));
                    result = NewTrainer(bar).Run(cancel.Token);
                });
            return result!;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private sealed class BarObserver(ProgressContext context, int epochs, int samplesPerEpoch, ITrainingObserver inner) : ITrainingObserver
    {
        private readonly ProgressTask _task = context.AddTask("training", maxValue: (double)epochs * samplesPerEpoch);
        private readonly Stopwatch _sinceRefresh = Stopwatch.StartNew();

        public void OnBatch(in BatchProgress p)
        {
            _task.Value = (double)(p.Epoch - 1) * samplesPerEpoch + p.SamplesDone;
            if (_sinceRefresh.ElapsedMilliseconds < 100 && p.SamplesDone < p.SamplesTotal) return;
            _sinceRefresh.Restart();
            _task.Description = string.Create(CultureInfo.InvariantCulture,
                $"epoch {p.Epoch}/{p.Epochs}  loss {p.RunningLoss:F3}  acc {p.RunningAccuracy:F3}  {p.SamplesPerSecond:F0} samples/s");
        }

        public void OnEvaluationStarted(int epoch) => _task.Description = $"epoch {epoch}/{epochs}  evaluating on the test set…";

        public void OnEpoch(EpochMetrics metrics) => inner.OnEpoch(metrics);

        public void OnAlignment(Learning.Alignment.AlignmentSample sample) => inner.OnAlignment(sample);

        public void OnCalibrated(float targetRate, IReadOnlyList<float> scales) => inner.OnCalibrated(targetRate, scales);
    }
}
