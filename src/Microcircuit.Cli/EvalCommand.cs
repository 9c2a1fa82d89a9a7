using Microcircuit.Layers;

namespace Microcircuit.Cli;

/// <summary>`microcircuit eval`: test accuracy, loss and firing rates of a checkpoint.</summary>
public static class EvalCommand
{
    public static Command Create(TextWriter output)
    {
        var source = new CheckpointExperiment();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var flips = new Option<bool>("--flip-average")
        {
            Description = "Present every test image also mirrored left to right and read the class from both presentations' summed outputs (test-time flip averaging; doubles the time)",
        };
        var command = new Command("eval", "Evaluate a checkpoint on a test set: accuracy, loss and firing rate per layer.\n\nExample:\n  microcircuit eval --checkpoint runs/mnist");
        foreach (var option in source.All) command.Options.Add(option);
        command.Options.Add(json);
        command.Options.Add(flips);
        command.SetAction(parse =>
        {
            var (x, checkpoint, path) = source.Load(parse);
            bool mirror = parse.GetValue(flips);
            var evaluator = new Evaluator(x.Network, x.Loss, x.Steps, x.Options.Batch,
                mirror ? new ImageShape(x.Data.Channels, x.Data.Height, x.Data.Width) : null);
            EvaluationResult result;
            try
            {
                result = evaluator.Evaluate(x.Test, x.Normalisation, x.Random.Evaluation);
            }
            catch (OutOfMemoryException e)
            {
                throw MemoryDemand.Shortage("evaluating", x.Options, x.Network.Shape, e);
            }
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonFormat.Serialize(new EvaluationReport(
                    path, x.Options.Dataset, x.Network.Shape.ToString(), checkpoint.Epoch, result.Samples,
                    result.Accuracy, result.Loss, result.FiringRates, x.Steps, mirror)));
                return 0;
            }
            output.WriteLine($"{path}: {x.Network.Shape} after {checkpoint.Epoch} epochs, evaluated on {result.Samples} {x.Options.Dataset} test samples{(mirror ? " and their mirror images" : "")}, T = {x.Steps}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"test accuracy {result.Accuracy:F4}  loss {result.Loss:F4}  firing rates {string.Join(" ", result.FiringRates.Select(r => r.ToString("F3", CultureInfo.InvariantCulture)))}"));
            return 0;
        });
        return command;
    }
}
