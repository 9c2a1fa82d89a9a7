using Microcircuit.Errors;
using Microcircuit.Layers;
using Microcircuit.Optimizers;
using Microcircuit.Randomness;
using Microcircuit.Training;

namespace Microcircuit.Checkpoints;

/// <summary>
/// Everything needed to continue a run as if it had never stopped: the resolved options, every layer's weights,
/// the optimiser's moments, the state of every random stream and the history so far. The fixed feedback
/// magnitudes are not stored: they are drawn from the seed's feedback stream when the experiment is built, before
/// any training draw, so rebuilding the experiment from the same options re-derives them exactly.
/// </summary>
public sealed record Checkpoint(
    TrainingOptions Options,
    IReadOnlyList<int> LayerSizes,
    IReadOnlyList<LayerState> Layers,
    OptimizerState Optimizer,
    IReadOnlyList<(string Name, SeededRandomState State)> Random,
    int Epoch,
    IReadOnlyList<EpochMetrics> History,
    float[]? ErrorCellGains = null)
{
    /// <summary>The network's sizes, e.g. 64-200-10.</summary>
    public string Shape => string.Join('-', LayerSizes);

    /// <summary>Takes a copy of an experiment's state after <paramref name="epoch"/> completed epochs.</summary>
    /// <param name="share">
    /// Refer to the experiment's own weight and moment arrays instead of copying them: for writing the state out at
    /// once, before training changes it (saves a copy of every array at each checkpoint).
    /// </param>
    public static Checkpoint Capture(Experiment experiment, int epoch, IReadOnlyList<EpochMetrics> history, bool share = false)
    {
        float[] Take(float[] values) => share ? values : (float[])values.Clone();
        experiment.Network.WeightsToHost();   // a back end on another device holds the current values
        foreach (var state in experiment.Optimizer.State) experiment.Network.Compute.ToHost(state);
        var layers = experiment.Network.Layers
            .Select(l => new LayerState(l.Inputs, l.Outputs, Take(l.Weights), l.Bias is null ? null : Take(l.Bias), l.FixedSigns is null ? null : Take(l.FixedSigns)))
            .ToArray();
        var optimizer = experiment.Optimizer switch
        {
            Adam adam => new OptimizerState(adam.Name, adam.Steps, adam.FirstMoments.Select(Take).ToArray(), adam.SecondMoments.Select(Take).ToArray()),
            BatchManhattan manhattan => new OptimizerState(manhattan.Name, 0, manhattan.Velocity.Select(Take).ToArray(), []),
            _ => new OptimizerState(experiment.Optimizer.Name, 0, [], []),
        };
        var random = experiment.Random.All.Select(r => (r.Name, r.Stream.SaveState())).ToArray();
        float[]? gains = experiment.Rule is Learning.MicrocircuitRule circuit ? circuit.GainState() : null;
        return new Checkpoint(experiment.Options, experiment.Network.Shape.LayerSizes.ToArray(), layers, optimizer, random, epoch, history.ToArray(), gains);
    }

    /// <summary>
    /// Copies this state into a freshly built experiment of the same network shape.
    /// </summary>
    /// <param name="source">The checkpoint's file, named in errors.</param>
    /// <param name="includeTraining">False restores only the weights (evaluation, inspection).</param>
    public void Restore(Experiment experiment, string source, bool includeTraining = true)
    {
        var network = experiment.Network;
        if (!network.Shape.LayerSizes.SequenceEqual(LayerSizes))
            throw new OptionException(ErrorKind.Checkpoint, Options.Net is not null || experiment.Options.Net is not null ? "net" : "hidden",
                $"checkpoint {OptionException.Quote(source)} holds a {Shape} network but the options give {network.Shape}; drop the options that change the network ({{hidden}}, {{net}}) or the input ({{dataset}}).");
        for (int l = 0; l < network.Layers.Count; l++) RestoreLayer(network.Layers[l], Layers[l], source);
        // The error cells' gains are the circuit's state, not the optimiser's: inspection sees them as training left them.
        if (ErrorCellGains is not null && experiment.Rule is Learning.MicrocircuitRule circuit && !circuit.RestoreGainState(ErrorCellGains))
            throw new MicrocircuitException(ErrorKind.Checkpoint, $"checkpoint {source} holds error-cell gains for another network; it does not belong to this one.");
        if (!includeTraining) return;

        // Adam with weight decay is AdamW: the same moments, so a resumed run may change --weight-decay.
        static string Family(string name) => name == "adamw" ? "adam" : name;
        if (Family(experiment.Optimizer.Name) != Family(Optimizer.Name))
            throw new OptionException(ErrorKind.Checkpoint, "optimizer",
                $"checkpoint {OptionException.Quote(source)} was trained with {Optimizer.Name} but the options ask for {experiment.Optimizer.Name}; drop {{optimizer}} when resuming.");
        if (experiment.Optimizer is Adam adam) RestoreAdam(adam, source);
        if (experiment.Optimizer is BatchManhattan manhattan) RestoreVelocity(manhattan, source);
        foreach (var state in experiment.Optimizer.State) network.Compute.FromHost(state);

        foreach (var (name, stream) in experiment.Random.All)
        {
            var saved = Random.FirstOrDefault(r => r.Name == name);
            if (saved.Name is null)
                throw new MicrocircuitException(ErrorKind.Checkpoint, $"checkpoint {source} lacks the random stream '{name}'; resume from a checkpoint this version wrote.");
            stream.RestoreState(saved.State);
        }
    }

    private static void RestoreLayer(SpikingLayer layer, LayerState saved, string source)
    {
        if ((layer.Bias is null) != (saved.Bias is null))
            throw new OptionException(ErrorKind.Checkpoint, "bias",
                $"checkpoint {OptionException.Quote(source)} was trained {(saved.Bias is null ? "without" : "with")} {{bias}}; give the same {{bias}} option.");
        saved.Weights.CopyTo(layer.Weights, 0);
        saved.Bias?.CopyTo(layer.Bias!, 0);
        layer.WeightsFromHost();
        layer.RestoreFixedSigns(saved.FixedSigns);
    }

    private void RestoreVelocity(BatchManhattan manhattan, string source)
    {
        var velocity = manhattan.Velocity;
        bool fits = velocity.Count == Optimizer.FirstMoments.Count && velocity.Zip(Optimizer.FirstMoments).All(p => p.First.Length == p.Second.Length);
        if (!fits)
            throw new OptionException(ErrorKind.Checkpoint, "momentum",
                $"checkpoint {OptionException.Quote(source)} has Batch Manhattan momentum of another shape; give the {{momentum}} it was trained with.");
        for (int i = 0; i < velocity.Count; i++) Optimizer.FirstMoments[i].CopyTo(velocity[i], 0);
    }

    private void RestoreAdam(Adam adam, string source)
    {
        bool fits = adam.FirstMoments.Count == Optimizer.FirstMoments.Count && adam.SecondMoments.Count == Optimizer.SecondMoments.Count
            && adam.FirstMoments.Zip(Optimizer.FirstMoments).All(p => p.First.Length == p.Second.Length)
            && adam.SecondMoments.Zip(Optimizer.SecondMoments).All(p => p.First.Length == p.Second.Length);
        if (!fits)
            throw new MicrocircuitException(ErrorKind.Checkpoint, $"checkpoint {source} has Adam moments of another shape; it does not belong to this network.");
        for (int i = 0; i < adam.FirstMoments.Count; i++)
        {
            Optimizer.FirstMoments[i].CopyTo(adam.FirstMoments[i], 0);
            Optimizer.SecondMoments[i].CopyTo(adam.SecondMoments[i], 0);
        }
        adam.Steps = Optimizer.Steps;
    }
}
