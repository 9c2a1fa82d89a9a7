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

    /// <summary>The generated metadata of <typeparamref name="T"/> under <paramref name="options"/>.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>(this JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    public static string Serialize<T>(this JsonSerializerOptions options, T value) => JsonSerializer.Serialize(value, options.TypeInfo<T>());

    public static JsonNode? SerializeToNode<T>(this JsonSerializerOptions options, T value) => JsonSerializer.SerializeToNode(value, options.TypeInfo<T>());

    public static T? Deserialize<T>(this JsonSerializerOptions options, JsonNode node) => node.Deserialize(options.TypeInfo<T>());
}
