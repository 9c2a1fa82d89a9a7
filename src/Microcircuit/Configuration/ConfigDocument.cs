using System.Text.Json;
using System.Text.Json.Nodes;
using Microcircuit.Errors;

namespace Microcircuit.Configuration;

/// <summary>
/// The checks a config document passes before its values are bound: a JSON object, each key once and known, each
/// value of its option's type — a whole number where a count belongs, a finite number where a real one does, a word
/// from the list where a choice does (never its number), true or false for a switch — and not both <c>hidden</c> and
/// <c>net</c>. Every failure is one <see cref="ErrorKind.InvalidOption"/> line naming the key and the source.
/// </summary>
internal static class ConfigDocument
{
    /// <summary>The document's option keys and values, the informational <c>provenance</c> left out.</summary>
    public static JsonObject Parse(string json, string source)
    {
        JsonObject document;
        try
        {
            using (var parsed = JsonDocument.Parse(json))
                Check(parsed.RootElement, source);
            document = JsonNode.Parse(json)!.AsObject();
        }
        catch (JsonException e)
        {
            throw Fail($"{source} is not valid JSON ({ConfigFile.OneLine(e.Message)}); fix the file.", e);
        }
        document.Remove(ConfigFile.ProvenanceKey);
        return document;
    }

    private static void Check(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw Fail($"{source} is not a JSON object; write {{\"epochs\": 10, …}}.");
        var typed = ConfigFile.TypedKeys.ToDictionary(k => k.Key, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            string key = property.Name;
            if (!seen.Add(key)) throw Fail($"{source} gives the key '{key}' twice; keep one of them.");
            if (key == ConfigFile.ProvenanceKey)
            {
                if (property.Value.ValueKind != JsonValueKind.Object)
                    throw Fail($"{source}: '{key}' must be an object (the record a run's config.json keeps of the build that made it).");
                continue;
            }
            if (!typed.TryGetValue(key, out var value))
                throw Fail($"unknown key '{key}' in {source}; the keys are: {string.Join(", ", ConfigFile.Keys)}.");
            CheckValue(key, property.Value, value.Type, value.Nullable, source);
        }
        bool Given(string key) => root.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null;
        if (Given("hidden") && Given("net"))
            throw Fail($"{source} gives both 'hidden' and 'net', which both describe the network; keep one of them.");
    }

    private static void CheckValue(string key, JsonElement element, Type type, bool nullable, string source)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (element.ValueKind == JsonValueKind.Null)
        {
            if (underlying is null && (type.IsValueType || !nullable))
                throw Fail($"{source}: '{key}' cannot be null; give {Expected(type)} or leave the key out for the default.");
            return;
        }
        type = underlying ?? type;
        bool fits = type switch
        {
            _ when type == typeof(int) => element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out _),
            _ when type == typeof(ulong) => element.ValueKind == JsonValueKind.Number && element.TryGetUInt64(out _),
            _ when type == typeof(float) => element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out double d)
                && double.IsFinite(d) && float.IsFinite((float)d),
            _ when type == typeof(bool) => element.ValueKind is JsonValueKind.True or JsonValueKind.False,
            _ when type == typeof(string) => element.ValueKind == JsonValueKind.String,
            _ when type.IsEnum => element.ValueKind == JsonValueKind.String && Words(type).Contains(element.GetString()!),
            _ when type == typeof(IReadOnlyList<int>) => element.ValueKind == JsonValueKind.Array
                && element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _)),
            _ => true,
        };
        if (!fits) throw Fail($"{source}: '{key}' must be {Expected(type)} (got {Shorten(element.GetRawText())}).");
    }

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(int) => "a whole number",
        _ when type == typeof(ulong) => "a whole number from 0 to 18446744073709551615",
        _ when type == typeof(float) => "a finite number (e.g. 0.001; no NaN, no infinity, no decimal comma)",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(string) => "a string",
        _ when type.IsEnum => "one of the words " + string.Join(", ", Words(type).Select(w => $"\"{w}\"")),
        _ when type == typeof(IReadOnlyList<int>) => "a list of whole numbers, e.g. [400, 400]",
        _ => "a value of type " + type.Name,
    };

    /// <summary>The words a choice is written with in config files (kebab-case names, as config.json writes them).</summary>
    private static IReadOnlyList<string> Words(Type enumType) =>
        Enum.GetNames(enumType).Select(n => JsonNamingPolicy.KebabCaseLower.ConvertName(n)).ToArray();

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private static MicrocircuitException Fail(string message, Exception? inner = null) => new(ErrorKind.InvalidOption, message, inner);
}
