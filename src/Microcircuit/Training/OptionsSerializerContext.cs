using System.Text.Json.Serialization;
using Microcircuit.Storage;

namespace Microcircuit.Training;

/// <summary>Serialization code for the options and the provenance record, generated at compile time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TrainingOptions))]
[JsonSerializable(typeof(Provenance))]
internal sealed partial class OptionsSerializerContext : JsonSerializerContext;
