using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microcircuit.Checkpoints;
using Microcircuit.Data;
using Microcircuit.Interop.Nir;
using Microcircuit.Tests.Data;
using Microcircuit.Tests.Reliability;
using Microcircuit.Training;

namespace Microcircuit.Tests.Interop;

/// <summary>
/// NIR interop: a trained network exported and imported again gives the same weights, spikes and figures bit for bit;
/// a graph written by hand from the specification (another tool's file) runs with the spikes its equations give; an
/// independent reader (h5py) finds our files conform; and what cannot be represented is refused in one line.
/// </summary>
public sealed class NirTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private string MnistShaped()
    {
        string folder = _scratch.Folder("mnist");
        if (!File.Exists(Path.Combine(folder, "train-images-idx3-ubyte"))) SyntheticFiles.WriteIdxDataset(folder, train: 120, test: 40, gzip: false);
        return _scratch.Path;
    }

    private static JsonElement Json(string output) => JsonDocument.Parse(output).RootElement;

    [Theory]
    [InlineData("800-10", false)]
    [InlineData("15C5-P2-40C5-P2-300-10", false)]
    [InlineData("8C3p1s2-P2-32-10", true)]   // biases (Affine, Conv2d bias), stride and padding
    public void A_trained_network_exported_and_imported_gives_the_same_weights_and_figures(string net, bool bias)
    {
        string data = MnistShaped(), run = _scratch[$"run-{net.Length}"], model = _scratch[$"model-{net.Length}.nir"];
        string[] biasOption = bias ? ["--bias"] : [];
        var trained = InProcess.Run(["train", "--dataset", "mnist", "--data-dir", data, "--no-verify", "--net", net, "--pool-threshold", "0.25",
            "--epochs", "1", "--out", run, "--quiet", .. biasOption]);   // the default batch, which eval --model uses too (the loss is summed batch by batch)
        Assert.True(trained.ExitCode == 0, trained.Error);
        var exported = InProcess.Run("export", "--checkpoint", run, "--out", model, "--data-dir", data);
        Assert.True(exported.ExitCode == 0, exported.Error);

        var saved = CheckpointFile.Read(run);
        var imported = NirImport.From(NirFile.Read(model), model);
        Assert.Equal(saved.LayerSizes, imported.LayerSizes);
        for (int l = 0; l < saved.Layers.Count; l++)
        {
            Assert.Equal(saved.Layers[l].Weights, imported.Layers[l].Weights);
            Assert.Equal(saved.Layers[l].Bias, imported.Layers[l].Bias);
        }

        var viaCheckpoint = InProcess.Run("eval", "--checkpoint", run, "--data-dir", data, "--no-verify", "--json");
        var viaModel = InProcess.Run("eval", "--model", model, "--dataset", "mnist", "--data-dir", data, "--no-verify", "--json");
        Assert.True(viaModel.ExitCode == 0, viaModel.Error);
        foreach (string figure in new[] { "test_accuracy", "test_loss", "test_firing_rates", "test_samples", "steps" })
            Assert.Equal(Json(viaCheckpoint.Output).GetProperty(figure).ToString(), Json(viaModel.Output).GetProperty(figure).ToString());
    }

    [Fact]
    public void A_graph_written_by_hand_from_the_specification_spikes_as_its_equations_say()
    {
        string fixtures = Path.Combine(AppContext.BaseDirectory, "Interop", "Fixtures");
        var model = NirImport.From(NirFile.Read(Path.Combine(fixtures, "handwritten.nir")), "handwritten.nir");
        var inputs = Rows(Path.Combine(fixtures, "handwritten-inputs.csv"));
        var expected = Rows(Path.Combine(fixtures, "handwritten-counts.csv"));
        Assert.Equal("16-10", model.Architecture);
        Assert.Equal(5f, model.TauMembrane, 4);
        Assert.Equal(3f, model.TauSynapse, 4);

        var options = model.Apply(new TrainingOptions { Dataset = "digits", Steps = 5 });
        var experiment = new Experiment(options, DatasetCatalogue.Load("digits"));
        model.AsCheckpoint(experiment.Options).Restore(experiment, "handwritten.nir", includeTraining: false);
        var network = experiment.Network;
        network.BeginBatch(inputs.SelectMany(r => r).ToArray(), inputs.Length);
        var counts = new float[inputs.Length * 10];
        for (int t = 0; t < 5; t++)
        {
            network.Advance(experiment.Random.Evaluation, computeGates: false);
            var spikes = network.Output.ActiveSpan(network.Output.Spikes);
            for (int i = 0; i < counts.Length; i++) counts[i] += spikes[i];
        }
        Assert.Equal(expected.SelectMany(r => r).ToArray(), counts);
    }

    [Fact]
    public void Our_files_conform_to_the_specification_by_an_independent_reader()
    {
        DebianPython.RequireOrSkip("h5py", "numpy");
        string python = DebianPython.Path, script = Path.Combine(AppContext.BaseDirectory, "nir", "validate_nir.py");
        string data = MnistShaped();
        var files = new List<string>();
        foreach (string net in new[] { "32-10", "4C3p1-P2-10" })
        {
            string run = _scratch[$"v-{net}"], model = _scratch[$"v-{net}.nir"];
            Assert.Equal(0, InProcess.Run("train", "--dataset", "mnist", "--data-dir", data, "--no-verify", "--net", net, "--bias", "--epochs", "1", "--out", run, "--quiet").ExitCode);
            Assert.Equal(0, InProcess.Run("export", "--checkpoint", run, "--out", model, "--data-dir", data).ExitCode);
            files.Add(model);
        }
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var f in files) start.ArgumentList.Add(f);
        using var check = Process.Start(start)!;
        string said = check.StandardOutput.ReadToEnd() + check.StandardError.ReadToEnd();
        check.WaitForExit();
        Assert.True(check.ExitCode == 0, said);
    }

    [Fact]
    public void A_file_that_is_not_hdf5_is_one_line_and_exit_5()
    {
        string file = _scratch["not.nir"];
        File.WriteAllText(file, "this is text");
        InProcess.AssertRefused(InProcess.Run("eval", "--model", file, "--dataset", "digits"), 5, file, "not an HDF5 file");
    }

    [Fact]
    public void A_node_this_engine_cannot_represent_is_named()
    {
        string file = _scratch["lif.nir"];
        var graph = Chain(("Input", new() { ["shape"] = NirValue.Ints(64) }), ("Linear", new() { ["weight"] = NirValue.Of(new float[10 * 64], 10, 64) }),
            ("LIF", new() { ["tau"] = NirValue.Of(Fill(10, 5e-4f)), ["r"] = NirValue.Of(Fill(10, 5f)), ["v_leak"] = NirValue.Of(Fill(10, 0)), ["v_threshold"] = NirValue.Of(Fill(10, 1)) }),
            ("Output", new() { ["shape"] = NirValue.Ints(10) }));
        NirFile.Write(file, graph);
        InProcess.AssertRefused(InProcess.Run("eval", "--model", file, "--dataset", "digits"), 5, "'n2' (LIF)", "cannot be represented");
    }

    [Fact]
    public void A_shape_that_does_not_fit_is_named()
    {
        string file = _scratch["shape.nir"];
        var graph = Chain(("Input", new() { ["shape"] = NirValue.Ints(64) }), ("Linear", new() { ["weight"] = NirValue.Of(new float[10 * 63], 10, 63) }),
            ("CubaLIF", Cells(10)), ("Output", new() { ["shape"] = NirValue.Ints(10) }));
        NirFile.Write(file, graph);
        InProcess.AssertRefused(InProcess.Run("eval", "--model", file, "--dataset", "digits"), 5, "'n1' (Linear)", "[10, 63]");
    }

    [Fact]
    public void A_model_trains_further_by_any_rule_and_refuses_another_network()
    {
        string run = _scratch["digits"], model = _scratch["digits.nir"];
        Assert.Equal(0, InProcess.Run(["train", "--out", run, .. InProcess.Tiny]).ExitCode);
        Assert.Equal(0, InProcess.Run("export", "--checkpoint", run, "--out", model).ExitCode);
        var further = InProcess.Run("train", "--from-model", model, "--rule", "fa", "--epochs", "1", "--train-limit", "60", "--test-limit", "20", "--quiet");
        Assert.True(further.ExitCode == 0, further.Error);
        InProcess.AssertRefused(InProcess.Run("train", "--from-model", model, "--hidden", "9", "--epochs", "1", "--quiet"), 5, "--hidden");
    }

    private static float[] Fill(int n, float v) => Enumerable.Repeat(v, n).ToArray();

    private static Dictionary<string, NirValue> Cells(int n) => new()
    {
        ["tau_syn"] = NirValue.Of(Fill(n, 3e-4f)), ["tau_mem"] = NirValue.Of(Fill(n, 5e-4f)), ["r"] = NirValue.Of(Fill(n, 5f)),
        ["v_leak"] = NirValue.Of(Fill(n, 0)), ["v_threshold"] = NirValue.Of(Fill(n, 1)), ["v_reset"] = NirValue.Of(Fill(n, 0)), ["w_in"] = NirValue.Of(Fill(n, 1)),
    };

    private static NirGraph Chain(params (string Type, Dictionary<string, NirValue> Parameters)[] nodes)
    {
        var named = nodes.Select((n, i) => new NirNode($"n{i}", n.Type, n.Parameters)).ToArray();
        return new NirGraph("1.0", named, named.Zip(named.Skip(1)).Select(p => (p.First.Name, p.Second.Name)).ToArray(), new Dictionary<string, NirValue>());
    }

    private static float[][] Rows(string csv) =>
        File.ReadAllLines(csv).Where(l => l.Length > 0).Select(l => l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
}
