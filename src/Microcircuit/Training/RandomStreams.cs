using Microcircuit.Randomness;

namespace Microcircuit.Training;

/// <summary>The independent random streams of a run, all derived from its one seed.</summary>
public sealed class RandomStreams(ulong seed)
{
    public SeededRandom Initialisation { get; } = SeededRandom.Derive(seed, 1);
    public SeededRandom Feedback { get; } = SeededRandom.Derive(seed, 2);
    public SeededRandom Shuffle { get; } = SeededRandom.Derive(seed, 3);
    public SeededRandom Encoding { get; } = SeededRandom.Derive(seed, 4);
    public SeededRandom ErrorSpikes { get; } = SeededRandom.Derive(seed, 5);
    public SeededRandom Evaluation { get; } = SeededRandom.Derive(seed, 6);
    public SeededRandom Augmentation { get; } = SeededRandom.Derive(seed, 7);

    /// <summary>Every stream with its name, in a fixed order (what a checkpoint saves and restores).</summary>
    public IReadOnlyList<(string Name, SeededRandom Stream)> All =>
    [
        ("initialisation", Initialisation), ("feedback", Feedback), ("shuffle", Shuffle), ("encoding", Encoding),
        ("error-spikes", ErrorSpikes), ("evaluation", Evaluation), ("augmentation", Augmentation),
    ];
}
