namespace Microcircuit.Learning.Alignment;

/// <summary>
/// One alignment measurement on a training batch, per layer: the angle of the training rule's update to the BPTT
/// gradient and to time-local BP's update, and (for rules with explicit feedback) the angle between the feedback
/// B and the forward Wᵀ (NaN for the first layer, which sends no feedback, and for rules without feedback).
/// </summary>
/// <param name="VersusGraded">For the microcircuit with spiking error cells: the angle of its update to the graded circuit's on the same batch.</param>
public sealed record AlignmentSample(int Epoch, long Batch, IReadOnlyList<double> VersusBptt, IReadOnlyList<double> VersusBp, IReadOnlyList<double> FeedbackVersusForward,
    IReadOnlyList<double>? VersusGraded = null);
