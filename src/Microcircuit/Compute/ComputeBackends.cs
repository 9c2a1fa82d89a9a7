using Microcircuit.Compute.Cpu;
using Microcircuit.Errors;

namespace Microcircuit.Compute;

/// <summary>
/// Compute back ends by name, the values of the option key "device": "cpu" (the CPU back end) is built in; a program
/// registers others (the command-line tool registers "cuda" from Microcircuit.Gpu). A factory receives the thread count
/// the options give.
/// </summary>
public static class ComputeBackends
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, (string Description, Func<int, IComputeBackend> Create)> Registered = new(StringComparer.Ordinal)
    {
        ["cpu"] = ("this library's SIMD kernels on the host's cores", threads => new CpuBackend(threads)),
    };

    /// <summary>The name of the CPU back end, the default.</summary>
    public const string Cpu = "cpu";

    /// <summary>Every name a run may give, with what it is.</summary>
    public static IReadOnlyList<(string Name, string Description)> All
    {
        get
        {
            lock (Gate) return Registered.Select(p => (p.Key, p.Value.Description)).ToArray();
        }
    }

    /// <summary>Adds (or replaces) a back end; <paramref name="name"/> is lower case without spaces; "cpu" cannot be replaced.</summary>
    public static void Register(string name, string description, Func<int, IComputeBackend> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (string.IsNullOrEmpty(name) || name != name.Trim().ToLowerInvariant() || name.Contains(' ') || name == Cpu)
            throw new ArgumentException($"'{name}' cannot name a compute back end (lower case, no spaces, not \"cpu\").", nameof(name));
        lock (Gate) Registered[name] = (description, create);
    }

    /// <summary>Removes a registered back end; false when there was none of that name.</summary>
    public static bool Unregister(string name)
    {
        if (name == Cpu) return false;
        lock (Gate) return Registered.Remove(name);
    }

    /// <summary>The back end <paramref name="name"/> for <paramref name="threads"/> host threads; an <see cref="OptionException"/> for an unknown name.</summary>
    public static IComputeBackend Create(string name, int threads)
    {
        Func<int, IComputeBackend> create;
        lock (Gate)
        {
            if (!Registered.TryGetValue(name, out var entry))
                throw new OptionException("device", $"{{device}} '{name}' is not a compute back end here; give one of: {string.Join(", ", Registered.Keys)}.");
            create = entry.Create;
        }
        return create(threads);
    }
}
