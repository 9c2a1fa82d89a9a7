using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microcircuit.Circuits;
using Microcircuit.Encoding;
using Microcircuit.Losses;
using Microcircuit.Neurons;
using Microcircuit.Optimizers;

namespace Microcircuit.Storage;

/// <summary>
/// The JSON conventions of config.json, metrics.json and the other documents: snake_case keys, indented, nulls
/// left out, enum values in kebab-case ("adam", "logistic"). Each layer that writes documents brings the generated
/// serialization code of its own types (no reflection at run time, so the tool also runs as a native executable):
/// <see cref="For"/> makes the options around it.
/// </summary>
public static class JsonConventions
{
    /// <summary>The conventions, with the types <paramref name="resolver"/> has generated code for.</summary>
    public static JsonSerializerOptions For(IJsonTypeInfoResolver resolver) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters =
        {
            new JsonStringEnumConverter<OptimizerKind>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false),
            new JsonStringEnumConverter<LearningRateSchedule>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false),
            new JsonStringEnumConverter<EncoderKind>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false),
            new JsonStringEnumConverter<GateKind>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false),
            new JsonStringEnumConverter<ErrorCellMode>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false),
            new JsonStringEnumConverter<ErrorCoding>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false),
            new JsonStringEnumConverter<ErrorGain>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false),
            new JsonStringEnumConverter<HebbianForm>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false),
            new JsonStringEnumConverter<LossKind>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false),
        },
        TypeInfoResolver = resolver,
    };
}
