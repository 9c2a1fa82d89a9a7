using System.Runtime.CompilerServices;
using Microcircuit.Errors;
using PureHDF;

namespace Microcircuit.Interop.Nir;

/// <summary>
/// Reads and writes NIR files — HDF5, through PureHDF — in the layout NIR's own writer uses: a root dataset
/// <c>version</c> (a UTF-8 string), and a group <c>node</c> holding <c>type</c> = "NIRGraph", a group <c>nodes</c> with one
/// group per node (its <c>type</c> and one dataset per parameter, numbers as float32, integers as int64) and <c>edges</c>,
/// an [E, 2] array of UTF-8 names, plus a <c>metadata</c> group. Every problem is one line of kind
/// <see cref="ErrorKind.Checkpoint"/> (exit 5) naming the file.
/// </summary>
public static class NirFile
{
    /// <summary>
    /// PureHDF builds its readers and writers with reflection at run time, which a native (AOT-compiled) executable
    /// cannot do; there NIR files need the <c>dotnet</c> build of the tool.
    /// </summary>
    public static void ThrowIfUnavailable()
    {
        if (!RuntimeFeature.IsDynamicCodeSupported)
            throw new MicrocircuitException(ErrorKind.InvalidOption,
                "NIR files need the dotnet build of microcircuit (this native executable cannot run the HDF5 library's reflection); run 'dotnet Microcircuit.Cli.dll …' or 'dotnet run --project src/Microcircuit.Cli -- …' instead.");
    }

    public static void Write(string path, NirGraph graph)
    {
        ThrowIfUnavailable();
        var nodes = new H5Group();
        foreach (var node in graph.Nodes)
        {
            var group = new H5Group { ["type"] = node.Type };
            foreach (var (name, value) in node.Parameters) group[name] = Dataset(value);
            nodes[node.Name] = group;
        }
        var metadata = new H5Group();
        foreach (var (name, value) in graph.Metadata) metadata[name] = Dataset(value);
        var edges = graph.Edges.SelectMany(e => new[] { e.Source, e.Target }).ToArray();
        var file = new H5File
        {
            ["version"] = graph.Version,
            ["node"] = new H5Group
            {
                ["type"] = "NIRGraph",
                ["nodes"] = nodes,
                ["edges"] = new H5Dataset(edges, fileDims: [(ulong)graph.Edges.Count, 2]),
                ["metadata"] = metadata,
            },
        };
        string temp = $"{Path.GetFullPath(path)}.{Environment.ProcessId}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            file.Write(temp);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw new MicrocircuitException(ErrorKind.Io, $"cannot write {path}: {e.Message.TrimEnd('.')}; choose a writable output file.", e);
        }
    }

    private static object Dataset(NirValue value)
    {
        if (value.Text is { } text) return text;
        ulong[] dims = value.Shape.Select(d => (ulong)d).ToArray();
        if (value.Integer)
        {
            long[] ints = value.Numbers.Select(v => (long)v).ToArray();
            return dims.Length == 0 ? ints[0] : new H5Dataset(ints, fileDims: dims);
        }
        if (dims.Length == 0) return value.Numbers[0];   // scalars (metadata such as dt) as float64, as NIR writes Python floats
        return value.Double ? new H5Dataset(value.Numbers, fileDims: dims) : new H5Dataset(value.Floats, fileDims: dims);
    }

    /// <summary>Reads a NIR file written by this tool or another (float32 or float64 parameters, any integer width).</summary>
    public static NirGraph Read(string path)
    {
        ThrowIfUnavailable();
        string full = UserPath.Full(path, "{model}");
        if (!File.Exists(full)) throw Fail($"no NIR file at {full}; give a .nir file that 'microcircuit export' or another tool wrote.");
        RegularFile.Require(full, "NIR file", ErrorKind.Checkpoint, "give a .nir file.");
        if (!IsHdf5(full)) throw Fail($"{full} is not an HDF5 file, so not a NIR file (NIR files are HDF5); give a .nir file.");
        try
        {
            using var file = H5File.OpenRead(full);
            string version = file.LinkExists("version") ? file.Dataset("version").Read<string>() : "";
            if (!file.LinkExists("node")) throw Fail($"{full} holds no 'node' group; it is HDF5 but not a NIR graph.");
            var root = file.Group("node");
            string type = root.LinkExists("type") ? root.Dataset("type").Read<string>() : "";
            if (type != "NIRGraph") throw Fail($"{full}: its top node is '{type}', not a NIRGraph; give a NIR graph file.");
            var nodes = new List<NirNode>();
            foreach (var child in root.Group("nodes").Children())
            {
                if (child is not IH5Group group) throw Fail($"{full}: 'node/nodes/{child.Name}' is not a group; the file is damaged.");
                var parameters = new Dictionary<string, NirValue>(StringComparer.Ordinal);
                string nodeType = group.LinkExists("type") ? group.Dataset("type").Read<string>() : throw Fail($"{full}: node '{child.Name}' has no type.");
                foreach (var item in group.Children())
                    if (item is IH5Dataset dataset && item.Name != "type") parameters[item.Name] = ReadValue(dataset);
                nodes.Add(new NirNode(child.Name, nodeType, parameters));
            }
            var edgeData = root.Dataset("edges");
            string[] names = edgeData.Read<string[]>();
            if (names.Length % 2 != 0) throw Fail($"{full}: 'edges' does not hold (source, target) pairs; the file is damaged.");
            var edges = Enumerable.Range(0, names.Length / 2).Select(i => (names[2 * i], names[2 * i + 1])).ToArray();
            var metadata = new Dictionary<string, NirValue>(StringComparer.Ordinal);
            if (root.LinkExists("metadata"))
                foreach (var item in root.Group("metadata").Children())
                    if (item is IH5Dataset dataset) metadata[item.Name] = ReadValue(dataset);
            return new NirGraph(version, nodes, edges, metadata);
        }
        catch (MicrocircuitException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Fail($"{full} cannot be read as a NIR graph ({e.GetType().Name}: {FirstLine(e.Message)}); give a .nir file that 'microcircuit export' or another tool wrote.", e);
        }
    }

    /// <summary>Whether the file starts with HDF5's signature, at 0 or after a user block of 512, 1024, 2048 … bytes.</summary>
    private static bool IsHdf5(string path)
    {
        ReadOnlySpan<byte> magic = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];
        Span<byte> head = stackalloc byte[8];
        using var stream = File.OpenRead(path);
        for (long offset = 0; offset + 8 <= stream.Length; offset = offset == 0 ? 512 : offset * 2)
        {
            stream.Position = offset;
            if (stream.ReadAtLeast(head, 8, throwOnEndOfStream: false) == 8 && head.SequenceEqual(magic)) return true;
        }
        return false;
    }

    private static NirValue ReadValue(IH5Dataset dataset)
    {
        long[] shape = dataset.Space.Dimensions.Select(d => (long)d).ToArray();
        var type = dataset.Type;
        switch (type.Class)
        {
            case H5DataTypeClass.String or H5DataTypeClass.VariableLength:
                return NirValue.Of(shape.Length == 0 ? dataset.Read<string>() : string.Join(",", dataset.Read<string[]>()));
            case H5DataTypeClass.FloatingPoint:
                double[] reals = type.Size == 8 ? dataset.Read<double[]>() : dataset.Read<float[]>().Select(v => (double)v).ToArray();
                return new NirValue(reals, shape);
            case H5DataTypeClass.FixedPoint:
                double[] ints = type.Size switch
                {
                    8 => dataset.Read<long[]>().Select(v => (double)v).ToArray(),
                    4 => dataset.Read<int[]>().Select(v => (double)v).ToArray(),
                    2 => dataset.Read<short[]>().Select(v => (double)v).ToArray(),
                    _ => dataset.Read<byte[]>().Select(v => (double)v).ToArray(),
                };
                return new NirValue(ints, shape, Integer: true);
            case H5DataTypeClass.Enumerated:   // h5py writes Python bools as an enumeration over int8
                return new NirValue(dataset.Read<byte[]>().Select(v => (double)v).ToArray(), shape, Integer: true);
            default:
                return NirValue.Of($"<{type.Class}>");
        }
    }

    private static string FirstLine(string text)
    {
        int cut = text.IndexOfAny(['\r', '\n']);
        return (cut < 0 ? text : text[..cut]).TrimEnd('.');
    }

    internal static MicrocircuitException Fail(string message, Exception? inner = null) => new(ErrorKind.Checkpoint, message, inner);
}
