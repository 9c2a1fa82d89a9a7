using Microcircuit.Circuits;
using Microcircuit.Learning;

namespace Microcircuit.Training;

/// <summary>
/// What a comparison can set side by side: every credit-assignment rule, and the microcircuit with its error cells
/// named — <c>microcircuit-spiking</c> and <c>microcircuit-graded</c> — so the circuit the paper is about and its
/// idealisation run in one comparison.
/// </summary>
public static class ComparisonEntries
{
    public const string Spiking = "microcircuit-spiking", Graded = "microcircuit-graded";

    public static IReadOnlyList<string> Names { get; } = [.. CreditAssignmentRules.BuiltIn, Spiking, Graded];

    /// <summary>The options of one entry: <paramref name="options"/> with the entry's rule (and error cells).</summary>
    public static TrainingOptions Apply(TrainingOptions options, string entry) => entry switch
    {
        Spiking => options with { Rule = "microcircuit", ErrorCells = ErrorCellMode.Spiking },
        Graded => options with { Rule = "microcircuit", ErrorCells = ErrorCellMode.Graded },
        _ => options with { Rule = entry },
    };
}
