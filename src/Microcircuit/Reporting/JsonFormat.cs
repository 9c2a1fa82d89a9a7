using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microcircuit.Storage;

namespace Microcircuit.Reporting;

/// <summary>
/// Every document the library writes or reads (run metrics, comparisons, evaluations, inspections, and the options
/// inside them) as JSON under <see cref="JsonConventions"/>, through <see cref="ReportSerializerContext"/>'s
/// generated code and the options' own.
/// </summary>
public static class JsonFormat
{
    public static JsonSerializerOptions Options { get; } =
        JsonConventions.For(JsonTypeInfoResolver.Combine(ReportSerializerContext.Default, Training.OptionsJson.Options.TypeInfoResolver!));

    /// <summary>The generated metadata of <typeparamref name="T"/> under <see cref="Options"/>.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => Options.TypeInfo<T>();

    public static string Serialize<T>(T value) => Options.Serialize(value);

    public static JsonNode? SerializeToNode<T>(T value) => Options.SerializeToNode(value);

    public static T? Deserialize<T>(JsonNode node) => Options.Deserialize<T>(node);
}
