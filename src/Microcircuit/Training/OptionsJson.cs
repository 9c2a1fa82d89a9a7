using System.Text.Json;
using Microcircuit.Storage;

namespace Microcircuit.Training;

/// <summary>
/// The options and the record of what made a run as JSON under <see cref="JsonConventions"/> (config.json, presets);
/// read and written through <see cref="JsonConventions"/>' extension methods, e.g. <c>OptionsJson.Options.Serialize(options)</c>.
/// </summary>
public static class OptionsJson
{
    public static JsonSerializerOptions Options { get; } = JsonConventions.For(OptionsSerializerContext.Default);
}
