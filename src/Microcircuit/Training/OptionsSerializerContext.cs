using System.Text.Json.Serialization;
using Microcircuit.Storage;

namespace Microcircuit.Training;

/// <summary>
/// Serialization code for the options and the provenance record, generated at compile time; the naming and null
/// conventions come with the options it is used under (<see cref="OptionsJson.Options"/>).
/// </summary>
[JsonSerializable(typeof(TrainingOptions))]
[JsonSerializable(typeof(Provenance))]
internal sealed partial class OptionsSerializerContext : JsonSerializerContext;
