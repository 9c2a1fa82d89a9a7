using System.CommandLine;
using System.Globalization;
using Microcircuit.Reporting;
using Microcircuit.Training;

namespace Microcircuit.Cli;

/// <summary>`microcircuit eval`: test accuracy, loss and firing rates of a checkpoint.</summary>
public static class EvalCommand
{
    public static Command Create(TextWriter output)
    {
        var source = new CheckpointExperiment();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var command = new Command("eval", "Evaluate a checkpoint on a test set: accuracy, loss and firing rate per layer.\n\nExample:\n  microcircuit eval --checkpoint runs/mnist");
        foreach (var option in source.All) command.Options.Add(option);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var (x, checkpoint, path) = source.Load(parse);
            var evaluator = new Evaluator(x.Network, x.Loss, x.Steps, x.Options.Batch);
            var result = evaluator.Evaluate(x.Test, x.Normalisation, x.Random.Evaluation);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonFormat.Serialize(new EvaluationReport(
                    path, x.Options.Dataset, x.Network.Shape.ToString(), checkpoint.Epoch, result.Samples,
                    result.Accuracy, result.Loss, result.FiringRates)));
                return 0;
            }
            output.WriteLine($"{path}: {x.Network.Shape} after {checkpoint.Epoch} epochs, evaluated on {result.Samples} {x.Options.Dataset} test samples");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"test accuracy {result.Accuracy:F4}  loss {result.Loss:F4}  firing rates {string.Join(" ", result.FiringRates.Select(r => r.ToString("F3", CultureInfo.InvariantCulture)))}"));
            return 0;
        });
        return command;
    }
}
