using System.Buffers.Binary;
using System.Security.Cryptography;
using Microcircuit.Checkpoints;
using Microcircuit.Data;
using Microcircuit.Errors;
using Microcircuit.Randomness;
using Microcircuit.Tests.Data;
using Microcircuit.Training;

namespace Microcircuit.Tests.Reliability;

/// <summary>
/// Seeded fuzzing of checkpoint reading. Damaged files (every <see cref="CorruptionKind"/>) must fail with a one-line
/// Checkpoint error naming the file. A second set damages the payload and then rewrites the header's length and SHA-256,
/// so the damage reaches the payload parser and the restore into an experiment: those may load (a changed weight is
/// still a checkpoint) but must never throw anything except a one-line Checkpoint error.
/// </summary>
public sealed class CheckpointFuzzTests : IDisposable
{
    private static readonly LabelledDataset Digits = DatasetCatalogue.Load("digits");

    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private static TrainingOptions Options() => new()
    {
        Dataset = "digits", Hidden = [16], Epochs = 1, Steps = 3, Batch = 50, TrainLimit = 100, TestLimit = 50, Bias = true, Seed = 5,
    };

    private byte[] TrainedCheckpoint(out Experiment experiment)
    {
        experiment = new Experiment(Options(), Digits);
        var result = new Trainer(experiment).Run(TestContext.Current.CancellationToken);
        string path = _scratch["original.mcp"];
        CheckpointFile.Write(path, Checkpoint.Capture(experiment, 1, result.History));
        return File.ReadAllBytes(path);
    }

    [Fact]
    public void A_damaged_checkpoint_never_loads_and_fails_with_one_line_naming_it()
    {
        byte[] original = TrainedCheckpoint(out _);
        var random = new SeededRandom(4242);
        var tally = new FuzzTally("damaged checkpoints");
        string path = _scratch["damaged.mcp"];
        int unchanged = 0;   // a "damage" that rewrote bytes with their own values (the history's timing bytes vary from run to run)
        for (int i = 0; i < 400; i++)
        {
            var (kind, damaged) = Corruption.Any(original, CheckpointFile.HeaderLength, bigEndian: false, random);
            File.WriteAllBytes(path, damaged);
            bool same = damaged.AsSpan().SequenceEqual(original);
            if (same) unchanged++;
            tally.Check($"case {i}: {kind}", same, path, () => CheckpointFile.Read(path), ErrorKind.Checkpoint);
        }

        tally.AssertClean(minimumCases: 400);
        Assert.Equal(400 - unchanged, tally.Count("MicrocircuitException Checkpoint"));
    }

    [Fact]
    public void A_damaged_payload_under_a_correct_checksum_loads_and_restores_or_fails_with_one_line()
    {
        byte[] original = TrainedCheckpoint(out var experiment);
        byte[] payload = original[CheckpointFile.HeaderLength..];
        var random = new SeededRandom(99);
        var tally = new FuzzTally("re-hashed damaged checkpoint payloads, read and restored");
        string path = _scratch["rehashed.mcp"];
        for (int i = 0; i < 300; i++)
        {
            var (kind, damaged) = Corruption.Any(payload, 64, bigEndian: false, random);
            File.WriteAllBytes(path, WithHeader(damaged));
            tally.Check($"case {i}: payload {kind}", damaged.AsSpan().SequenceEqual(payload) ? true : null, path,
                () => CheckpointFile.Read(path).Restore(experiment, path), ErrorKind.Checkpoint);
        }

        tally.AssertClean(minimumCases: 300);
        Assert.True(tally.Count("loaded") > 0 && tally.Count("MicrocircuitException Checkpoint") > 0, tally.Report());
    }

    /// <summary>A valid header (magic, version, length, SHA-256) for <paramref name="payload"/>, followed by it.</summary>
    private static byte[] WithHeader(byte[] payload)
    {
        var file = new byte[CheckpointFile.HeaderLength + payload.Length];
        CheckpointFile.Magic.CopyTo(file);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(8), CheckpointFile.FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(12), payload.Length);
        SHA256.HashData(payload, file.AsSpan(20, 32));
        payload.CopyTo(file, CheckpointFile.HeaderLength);
        return file;
    }
}
