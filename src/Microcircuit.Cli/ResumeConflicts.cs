using System.Text.Json.Nodes;

namespace Microcircuit.Cli;

/// <summary>
/// The options a checkpoint has already settled. Every other option given with <c>--resume</c> is honoured by the
/// continued run; these cannot be (the checkpoint's weights, signs and optimiser state were made under the old
/// value), so a value that differs from the checkpoint's is refused, naming the option, rather than recorded in
/// config.json and silently unused.
/// </summary>
public static class ResumeConflicts
{
    /// <summary>Config key and why a checkpoint cannot take another value of it, in the order they are checked.</summary>
    public static IReadOnlyList<(string Key, string Why)> Settled { get; } =
    [
        ("seed", "the feedback weights were drawn from it and every random stream continues from where it stopped"),
        ("init_gain", "it scales the initial weights, which the checkpoint's weights replace"),
        ("init_rate", "it calibrates the initial weights, which the checkpoint's weights replace"),
        ("dale", "Dale signs are fixed when the weights are first drawn"),
        ("bias", "bias currents are part of the stored weights"),
        ("optimizer", "the stored optimiser state belongs to the optimiser it was trained with"),
    ];

    /// <summary>Throws a one-line <see cref="ErrorKind.Checkpoint"/> error for the first settled option whose value differs.</summary>
    public static void ThrowIfAny(Checkpoint checkpoint, TrainingOptions options, string path)
    {
        var saved = JsonFormat.SerializeToNode(checkpoint.Options.Resolve())!.AsObject();
        var asked = JsonFormat.SerializeToNode(options.Resolve())!.AsObject();
        foreach (var (key, why) in Settled)
        {
            var before = saved[key];
            var now = asked[key];
            if (JsonNode.DeepEquals(before, now)) continue;
            string flag = OptionKeys.FlagOf(key);
            throw new MicrocircuitException(ErrorKind.Checkpoint,
                $"{flag} {Show(now)} cannot apply to the checkpoint {path}, trained with {Show(before)}: {why}; drop {flag} to continue it, or start a new run with it (another --out).");
        }
    }

    private static string Show(JsonNode? value) => value is null ? "(none)" : value.ToJsonString();
}
