using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microcircuit.Configuration;
using Microcircuit.Errors;
using Microcircuit.Layers;
using Microcircuit.Randomness;
using Microcircuit.Storage;
using Microcircuit.Training;

namespace Microcircuit.Checkpoints;

/// <summary>
/// The checkpoint file (docs/checkpoint-format.md): an 8-byte magic, the format version, the payload's length and
/// SHA-256, then the payload (options as JSON, shape, layers, optimiser, random streams, epoch, history), all
/// little-endian. Written atomically; read back only when every check passes.
/// </summary>
public static class CheckpointFile
{
    /// <summary>The name a run directory's checkpoint has.</summary>
    public const string FileName = "checkpoint.mcp";

    /// <summary>The version written: 2 adds the error cells' adaptive gains and each epoch's measured extras; 1 is still read.</summary>
    public const int FormatVersion = 2;

    /// <summary>0x89 "MCP" CR LF 0x1A LF: non-ASCII first byte and line-ending bytes catch text-mode mangling.</summary>
    public static ReadOnlySpan<byte> Magic => [0x89, (byte)'M', (byte)'C', (byte)'P', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Magic (8) + version (4) + payload length (8) + SHA-256 (32).</summary>
    public const int HeaderLength = 52;

    /// <summary>The checkpoint file a path names: the file itself, or <see cref="FileName"/> inside a run directory.</summary>
    public static string Locate(string fileOrDirectory) =>
        Directory.Exists(fileOrDirectory) ? Path.Combine(Path.GetFullPath(fileOrDirectory), FileName) : UserPath.Full(fileOrDirectory, "the checkpoint path");

    /// <summary>
    /// Streams the payload to a temporary file while hashing it, then fills in the header and renames the file into
    /// place: no copy of the payload is held in memory.
    /// </summary>
    public static void Write(string path, Checkpoint checkpoint) =>
        AtomicFile.Write(path, stream =>
        {
            var header = new byte[HeaderLength];
            stream.Write(header);
            using var hashing = new HashingStream(stream);
            using (var w = new BinaryWriter(hashing, System.Text.Encoding.UTF8, leaveOpen: true)) WritePayload(w, checkpoint);
            Magic.CopyTo(header);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), FormatVersion);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(12), hashing.Written);
            hashing.WriteHash(header.AsSpan(20, 32));
            stream.Position = 0;
            stream.Write(header);
        });

    /// <summary>Reads and validates a checkpoint; every problem is a one-line <see cref="ErrorKind.Checkpoint"/> error.</summary>
    public static Checkpoint Read(string fileOrDirectory)
    {
        string path = Locate(fileOrDirectory);
        if (!File.Exists(path))
            throw Fail($"no checkpoint at {path}; pass the folder of a run (it holds {FileName}) or the file itself.");
        RegularFile.Require(path, "checkpoint", ErrorKind.Checkpoint, $"pass the folder of a run (it holds {FileName}) or the file itself.");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MicrocircuitException(ErrorKind.Io, $"cannot read {path}: {e.Message.TrimEnd('.')}; check its permissions.", e);
        }
        catch (OutOfMemoryException e)
        {
            throw new MicrocircuitException(ErrorKind.InvalidOption,
                $"out of memory reading the checkpoint {path} ({new FileInfo(path).Length >> 20} MiB); this process may use {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes >> 20} MiB: run it where more memory is free.", e);
        }
        try
        {
            return Parse(bytes, path);
        }
        catch (OutOfMemoryException e)
        {
            throw new MicrocircuitException(ErrorKind.InvalidOption,
                $"out of memory unpacking the checkpoint {path} ({bytes.Length >> 20} MiB); this process may use {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes >> 20} MiB: run it where more memory is free.", e);
        }
    }

    internal static Checkpoint Parse(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.Length >= Magic.Length && !bytes[..Magic.Length].SequenceEqual(Magic))
            throw Fail($"{path} is not a Microcircuit checkpoint (bad magic bytes); pass the {FileName} that a run wrote.");
        if (bytes.Length < HeaderLength)
            throw Fail($"{path} is truncated ({bytes.Length} bytes, shorter than the {HeaderLength}-byte header); resume from an earlier copy or retrain.");
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        if (version is not (1 or FormatVersion))
            throw Fail($"{path} has checkpoint format version {version}, this version reads 1 and {FormatVersion}; use the microcircuit version that wrote it.");
        long length = BinaryPrimitives.ReadInt64LittleEndian(bytes[12..]);
        if (length < 0 || length > bytes.Length - HeaderLength)
            throw Fail($"{path} is truncated ({bytes.Length} bytes, its header declares a {length}-byte payload after the {HeaderLength}-byte header); resume from an earlier copy or retrain.");
        if (length < bytes.Length - HeaderLength)
            throw Fail($"{path} has {bytes.Length - HeaderLength - length} bytes after its payload; the file is damaged, retrain or restore a copy.");
        var payload = bytes.Slice(HeaderLength, (int)length);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        if (!hash.SequenceEqual(bytes.Slice(20, 32)))
            throw Fail($"{path} fails its SHA-256 checksum (the file is damaged); resume from an earlier copy or retrain.");
        try
        {
            return ReadPayload(payload.ToArray(), path, version);
        }
        catch (EndOfStreamException)
        {
            throw Fail($"{path} ends inside its payload; the file is damaged, retrain or restore a copy.");
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            // BinaryReader: a string length that is negative or not a valid 7-bit varint.
            throw Fail($"{path} has a malformed field in its payload; the file is damaged, retrain or restore a copy.");
        }
        catch (MicrocircuitException e) when (e.Kind == ErrorKind.InvalidOption)
        {
            // The stored options are not a valid configuration: the file was edited or damaged, not the command line.
            throw Fail($"{path} holds invalid options ({e.Message.TrimEnd('.')}); the file is damaged or was edited, retrain or restore a copy.");
        }
    }

    private static void WritePayload(BinaryWriter w, Checkpoint c)
    {
        w.Write(ConfigFile.ToJson(c.Options));
        w.Write(c.Epoch);
        w.Write(c.LayerSizes.Count);
        foreach (int size in c.LayerSizes) w.Write(size);
        w.Write(c.Layers.Count);
        foreach (var layer in c.Layers)
        {
            w.Write(layer.Inputs);
            w.Write(layer.Outputs);
            WriteArray(w, layer.Weights);
            w.Write((byte)((layer.Bias is null ? 0 : 1) | (layer.FixedSigns is null ? 0 : 2)));
            if (layer.Bias is not null) WriteArray(w, layer.Bias);
            if (layer.FixedSigns is not null) WriteArray(w, layer.FixedSigns);
        }
        w.Write(c.Optimizer.Name);
        w.Write(c.Optimizer.Steps);
        WriteArrays(w, c.Optimizer.FirstMoments);
        WriteArrays(w, c.Optimizer.SecondMoments);
        w.Write(c.Random.Count);
        foreach (var (name, s) in c.Random)
        {
            w.Write(name);
            w.Write(s.S0);
            w.Write(s.S1);
            w.Write(s.S2);
            w.Write(s.S3);
            w.Write(s.SpareGaussian);
            w.Write(s.HasSpare);
        }
        w.Write(c.History.Count);
        foreach (var h in c.History)
        {
            w.Write(h.Epoch);
            WriteDoubles(w, h.TrainLoss, h.TrainAccuracy, h.TestLoss, h.TestAccuracy, h.TrainSeconds, h.SamplesPerSecond);
            w.Write(h.TestFiringRates.Count);
            foreach (double r in h.TestFiringRates) w.Write(r);
        }
        // Version 2: the error cells' gains, then each epoch's optional per-layer measurements.
        w.Write(c.ErrorCellGains is not null);
        if (c.ErrorCellGains is not null) WriteArray(w, c.ErrorCellGains);
        foreach (var h in c.History)
            foreach (var extra in new[] { h.AlignmentVersusBptt, h.ErrorCellRates, h.ErrorCellSaturation, h.AlignmentVersusGraded })
            {
                w.Write(extra is null ? -1 : extra.Count);
                foreach (double v in extra ?? []) w.Write(v);
            }
    }

    /// <summary>The network the stored options describe, which must have the stored layer sizes.</summary>
    private static NetworkShape Architecture(TrainingOptions options, int[] sizes, string path)
    {
        if (sizes.Length < 2 || sizes.Any(s => s <= 0)) throw Fail($"{path} lists impossible layer sizes; the file is damaged.");
        NetworkShape shape;
        try
        {
            shape = options.Net is { } net
                ? NetworkNotation.Parse(net, DatasetDefaults.Image(options.Dataset), sizes[^1])
                : new NetworkShape(sizes[0], sizes[1..^1], sizes[^1]);
        }
        catch (MicrocircuitException)
        {
            throw Fail($"{path} stores a network description that does not parse; the file is damaged.");
        }
        if (!shape.LayerSizes.SequenceEqual(sizes))
            throw Fail($"{path}: its layer sizes do not match its network {shape}; the file is damaged.");
        return shape;
    }

    private static Checkpoint ReadPayload(byte[] payload, string path, int version)
    {
        using var r = new BinaryReader(new MemoryStream(payload), System.Text.Encoding.UTF8);
        var options = ConfigFile.FromJson(r.ReadString(), $"checkpoint {path}");
        // Version 1 knew only the paper's spiking error cells: Bernoulli spikes of a fixed δ_max.
        if (version == 1) options = options with { ErrorCoding = Circuits.ErrorCoding.Bernoulli, ErrorGain = Circuits.ErrorGain.Fixed };
        options.Resolve().Validate();
        int epoch = r.ReadInt32();
        var sizes = new int[Count(r, 64, path)];
        for (int i = 0; i < sizes.Length; i++) sizes[i] = r.ReadInt32();
        var layers = new LayerState[Count(r, 64, path)];
        if (sizes.Length != layers.Length + 1) throw Fail($"{path} lists {sizes.Length} sizes for {layers.Length} layers; the file is damaged.");
        var shape = Architecture(options, sizes, path);
        for (int l = 0; l < layers.Length; l++)
        {
            int inputs = r.ReadInt32(), outputs = r.ReadInt32();
            var weights = ReadArray(r, path);
            int flags = r.ReadByte();
            var bias = (flags & 1) != 0 ? ReadArray(r, path) : null;
            var signs = (flags & 2) != 0 ? ReadArray(r, path) : null;
            if (inputs != sizes[l] || outputs != sizes[l + 1] || weights.Length != shape.WeightCount(l)
                || (bias is not null && bias.Length != shape.BiasCount(l)) || (signs is not null && signs.Length != weights.Length))
                throw Fail($"{path}: layer {l + 1}'s arrays do not match its {inputs}×{outputs} shape; the file is damaged.");
            layers[l] = new LayerState(inputs, outputs, weights, bias, signs);
        }
        string optimizerName = r.ReadString();
        long steps = r.ReadInt64();
        var optimizer = new OptimizerState(optimizerName, steps, ReadArrays(r, path), ReadArrays(r, path));
        var random = new (string, SeededRandomState)[Count(r, 64, path)];
        for (int i = 0; i < random.Length; i++)
            random[i] = (r.ReadString(), new SeededRandomState(r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadSingle(), r.ReadBoolean()));
        var history = new EpochMetrics[Count(r, 1_000_000, path)];
        for (int i = 0; i < history.Length; i++)
        {
            int e = r.ReadInt32();
            double trainLoss = r.ReadDouble(), trainAccuracy = r.ReadDouble(), testLoss = r.ReadDouble(), testAccuracy = r.ReadDouble();
            double seconds = r.ReadDouble(), rate = r.ReadDouble();
            var rates = new double[Count(r, 64, path)];
            for (int j = 0; j < rates.Length; j++) rates[j] = r.ReadDouble();
            history[i] = new EpochMetrics(e, trainLoss, trainAccuracy, testLoss, testAccuracy, seconds, rate, rates);
        }
        float[]? gains = null;
        if (version >= 2)
        {
            if (r.ReadBoolean()) gains = ReadArray(r, path);
            for (int i = 0; i < history.Length; i++)
            {
                var extras = new IReadOnlyList<double>?[4];
                for (int e = 0; e < extras.Length; e++)
                {
                    int n = r.ReadInt32();
                    if (n < -1 || n > 64) throw Fail($"{path} has an impossible count ({n}); the file is damaged.");
                    if (n < 0) continue;
                    var values = new double[n];
                    for (int j = 0; j < n; j++) values[j] = r.ReadDouble();
                    extras[e] = values;
                }
                history[i] = history[i] with { AlignmentVersusBptt = extras[0], ErrorCellRates = extras[1], ErrorCellSaturation = extras[2], AlignmentVersusGraded = extras[3] };
            }
        }
        if (r.BaseStream.Position != payload.Length) throw Fail($"{path} has unread bytes in its payload; the file is damaged.");
        var checkpoint = new Checkpoint(options, sizes, layers, optimizer, random, epoch, history, gains);
        var expected = ExpectedShape(options);
        if (expected is not null && !sizes.AsSpan(1, sizes.Length - 2).SequenceEqual(expected))
            throw Fail($"{path} holds a {checkpoint.Shape} network but its options say hidden {string.Join(',', expected)}; the file is damaged or was edited.");
        return checkpoint;
    }

    private static int[]? ExpectedShape(TrainingOptions options) => options.Hidden?.ToArray();

    private static int Count(BinaryReader r, int max, string path)
    {
        int n = r.ReadInt32();
        if (n < 0 || n > max) throw Fail($"{path} has an impossible count ({n}); the file is damaged.");
        return n;
    }

    private static void WriteArray(BinaryWriter w, float[] values)
    {
        w.Write(values.Length);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Checkpoints are little-endian.");
        w.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    /// <summary>Each value in turn, 8 bytes apiece (no count: the reader knows how many).</summary>
    private static void WriteDoubles(BinaryWriter w, params ReadOnlySpan<double> values)
    {
        foreach (double v in values) w.Write(v);
    }

    private static float[] ReadArray(BinaryReader r, string path)
    {
        int n = r.ReadInt32();
        if (n < 0 || (long)n * 4 > r.BaseStream.Length - r.BaseStream.Position) throw Fail($"{path} has an array longer than the file; the file is damaged.");
        var values = new float[n];
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    private static void WriteArrays(BinaryWriter w, IReadOnlyList<float[]> arrays)
    {
        w.Write(arrays.Count);
        foreach (var a in arrays) WriteArray(w, a);
    }

    private static float[][] ReadArrays(BinaryReader r, string path)
    {
        var arrays = new float[Count(r, 1024, path)][];
        for (int i = 0; i < arrays.Length; i++) arrays[i] = ReadArray(r, path);
        return arrays;
    }

    private static MicrocircuitException Fail(string message) => new(ErrorKind.Checkpoint, message);
}
