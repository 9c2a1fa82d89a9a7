namespace Microcircuit.Interop.Nir;

/// <summary>A node of a NIR graph: its name, its type (<c>Affine</c>, <c>CubaLIF</c>, …) and its parameters by name.</summary>
public sealed record NirNode(string Name, string Type, IReadOnlyDictionary<string, NirValue> Parameters)
{
    public NirValue this[string parameter] => Parameters[parameter];

    public bool Has(string parameter) => Parameters.ContainsKey(parameter);
}

/// <summary>
/// A NIR graph as the file holds it (the NIR specification, github neuromorphs/NIR): the format version, the nodes,
/// the directed edges between them, and the graph's metadata.
/// </summary>
public sealed record NirGraph(string Version, IReadOnlyList<NirNode> Nodes, IReadOnlyList<(string Source, string Target)> Edges,
    IReadOnlyDictionary<string, NirValue> Metadata)
{
    /// <summary>The NIR version this writer follows (the version string NIR's own writer puts in its files).</summary>
    public const string WrittenVersion = "1.0.7";

    public NirNode Node(string name) => Nodes.First(n => n.Name == name);
}
