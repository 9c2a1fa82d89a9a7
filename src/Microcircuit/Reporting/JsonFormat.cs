using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microcircuit.Circuits;
using Microcircuit.Encoding;
using Microcircuit.Losses;
using Microcircuit.Neurons;
using Microcircuit.Optimizers;

namespace Microcircuit.Reporting;

/// <summary>
/// The JSON conventions of config.json, metrics.json and the other documents: snake_case keys, indented, nulls
/// left out, enum values in kebab-case ("adam", "logistic"). Types are serialized through
/// <see cref="ReportSerializerContext"/>'s generated code.
/// </summary>
public static class JsonFormat
{
    public static JsonSerializerOptions Options { get; } = new()
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
        TypeInfoResolver = ReportSerializerContext.Default,
    };

    /// <summary>The generated metadata of <typeparamref name="T"/> under <see cref="Options"/>.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    public static JsonNode? SerializeToNode<T>(T value) => JsonSerializer.SerializeToNode(value, TypeInfo<T>());

    public static T? Deserialize<T>(JsonNode node) => node.Deserialize(TypeInfo<T>());
}
