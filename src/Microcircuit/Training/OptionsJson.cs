using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microcircuit.Storage;

namespace Microcircuit.Training;

/// <summary>The options and the record of what made a run, as JSON under <see cref="JsonConventions"/> (config.json, presets).</summary>
public static class OptionsJson
{
    public static JsonSerializerOptions Options { get; } = JsonConventions.For(OptionsSerializerContext.Default);

    /// <summary>The generated metadata of <typeparamref name="T"/> under <see cref="Options"/>.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    public static JsonNode? SerializeToNode<T>(T value) => JsonSerializer.SerializeToNode(value, TypeInfo<T>());

    public static T? Deserialize<T>(JsonNode node) => node.Deserialize(TypeInfo<T>());
}
