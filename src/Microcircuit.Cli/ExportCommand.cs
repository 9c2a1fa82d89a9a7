using Microcircuit.Data;
using Microcircuit.Interop.Nir;

namespace Microcircuit.Cli;

/// <summary>`microcircuit export`: a trained network in the field's exchange format (NIR), for simulators and neuromorphic chips.</summary>
public static class ExportCommand
{
    public static Command Create(TextWriter output)
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A run directory (holding checkpoint.mcp) or a checkpoint file", Required = true };
        var format = new Option<string>("--format") { Description = "nir (the Neuromorphic Intermediate Representation, HDF5; docs/interop.md)", DefaultValueFactory = _ => "nir" };
        var outFile = new Option<string>("--out") { Description = "The file to write, e.g. model.nir", Required = true };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder holding the checkpoint's dataset (its normalisation goes into the metadata; default: the checkpoint's, then $MICROCIRCUIT_DATA)" };
        var command = new Command("export", "Write a trained network as a NIR graph (Affine/Linear, Conv2d, AvgPool2d, Flatten, CubaLIF) that snnTorch, Norse, Rockpool, Sinabs, Lava-DL and others read.\n\nExample:\n  microcircuit export --checkpoint runs/mnist --format nir --out mnist.nir")
        {
            checkpoint, format, outFile, dataDir,
        };
        command.SetAction(parse =>
        {
            if (!string.Equals(parse.GetValue(format), "nir", StringComparison.OrdinalIgnoreCase))
                throw new MicrocircuitException(ErrorKind.InvalidOption, $"--format '{parse.GetValue(format)}' is not one of: nir.");
            NirFile.ThrowIfUnavailable();
            string path = CheckpointFile.Locate(parse.GetValue(checkpoint)!);
            var saved = CheckpointFile.Read(path);
            var options = saved.Options with { DataDir = parse.GetValue(dataDir) ?? saved.Options.DataDir, TrainLimit = 1, TestLimit = 1 };
            var data = DatasetCatalogue.Load(options.Dataset, options.DataDir, options.VerifyData);
            var experiment = new Experiment(options, data);
            saved.Restore(experiment, path, includeTraining: false);
            var graph = NirExport.From(experiment);
            string file = UserPath.Full(parse.GetValue(outFile)!, "{out}");
            NirFile.Write(file, graph);
            output.WriteLine($"wrote {file}: {experiment.Network.Shape} as {graph.Nodes.Count} NIR nodes ({string.Join(" → ", graph.Nodes.Select(n => n.Type))}), dt {NirExport.TimeStep} s, T = {experiment.Steps}");
            return 0;
        });
        return command;
    }
}
