using Microcircuit.Tests.Data;

namespace Microcircuit.Tests.Reliability;

/// <summary>
/// Config files are checked exactly as strictly as the command line: types, choices as words only, each key once,
/// no unknown key, not both hidden and net, finite numbers, a file rather than a directory or device. Each problem is
/// one line, exit 2, naming the key and the file.
/// </summary>
public sealed class ConfigStrictnessTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("""{"optimizer": 7}""", "'optimizer'")]
    [InlineData("""{"encoder": 99}""", "'encoder'")]
    [InlineData("""{"gate": 1}""", "'gate'")]
    [InlineData("""{"error_cells": "leaky"}""", "'error_cells'")]
    [InlineData("""{"epochs": 1, "epochs": 2}""", "'epochs'")]
    [InlineData("""{"hidden": [8], "net": "8-10"}""", "'net'")]
    [InlineData("""{"learning_rate": 1e999}""", "'learning_rate'")]
    [InlineData("""{"threshold": 1e39}""", "'threshold'")]
    [InlineData("""{"tau_membrane": -1e400}""", "'tau_membrane'")]
    [InlineData("""{"learning_rate": "0.1"}""", "'learning_rate'")]
    [InlineData("""{"learning_rate": "NaN"}""", "'learning_rate'")]
    [InlineData("""{"dale": 1}""", "'dale'")]
    [InlineData("""{"epochs": 2.5}""", "'epochs'")]
    [InlineData("""{"seed": -1}""", "'seed'")]
    [InlineData("""{"batch": null}""", "'batch'")]
    [InlineData("""{"hidden": [8, "x"]}""", "'hidden'")]
    [InlineData("""{"bogus": 1}""", "'bogus'")]
    [InlineData("""{"provenance": 3}""", "'provenance'")]
    [InlineData("""{"steps": -5}""", "'steps'")]
    [InlineData("""{"weight_decay": -0.5}""", "'weight_decay'")]
    [InlineData("""[1, 2]""", "JSON object")]
    public void A_bad_config_document_is_one_line_naming_the_key_and_the_file(string json, string mention)
    {
        string file = _scratch["config.json"];
        File.WriteAllText(file, json);
        var r = InProcess.Run(["train", "--config", file, "--quiet"]);
        InProcess.AssertRefused(r, 2, mention, file);
    }

    [Fact]
    public void A_directory_given_as_the_config_file_is_named_as_one()
    {
        string folder = _scratch.Folder("not-a-file");
        var r = InProcess.Run(["train", "--config", folder, "--quiet"]);
        InProcess.AssertRefused(r, 2, folder, "directory");
    }

    [Fact]
    public void A_runs_own_config_json_with_its_provenance_reproduces_the_run()
    {
        string run = _scratch["run"];
        Assert.Equal(0, InProcess.Run(["train", "--out", run, .. InProcess.Tiny]).ExitCode);
        Assert.Contains("\"provenance\"", File.ReadAllText(Path.Combine(run, "config.json")));
        var again = InProcess.Run(["train", "--config", Path.Combine(run, "config.json"), "--out", _scratch["again"], "--quiet"]);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal(
            File.ReadAllText(Path.Combine(run, "history.csv")).Split('\n').Select(l => string.Join(',', l.Split(',').Where((_, i) => i is not (5 or 6)))),
            File.ReadAllText(Path.Combine(_scratch["again"], "history.csv")).Split('\n').Select(l => string.Join(',', l.Split(',').Where((_, i) => i is not (5 or 6)))));
    }
}
