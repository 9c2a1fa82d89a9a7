using Microcircuit.Compute;
using Microcircuit.Encoding;
using Microcircuit.Losses;

namespace Microcircuit.Training;

/// <summary>
/// Parts of an experiment a program brings itself instead of naming them in the options: an input encoder and a loss of
/// its own (rules and feedback wirings are registered by name instead, <see cref="Learning.CreditAssignmentRules"/>).
/// Checkpoints record the options only, so a program that resumes such a run passes the same parts again.
/// </summary>
/// <param name="Encoder">Builds the encoder for T steps; null: the encoder the options name.</param>
/// <param name="Loss">Builds the loss for T steps and the number of classes (called again for each other T of a ramp); null: the options' loss.</param>
/// <param name="Neuron">Builds the cell model from the options' LIF parameters; null: the LIF cell itself.</param>
/// <param name="Compute">Builds the compute back end from the thread count the options give; null: the one the options name (<c>device</c>).</param>
public sealed record ExperimentParts(Func<int, IInputEncoder>? Encoder = null, Func<int, int, ISpikingLoss>? Loss = null,
    Func<Neurons.LifParameters, Neurons.INeuronModel>? Neuron = null, Func<int, Compute.IComputeBackend>? Compute = null);
