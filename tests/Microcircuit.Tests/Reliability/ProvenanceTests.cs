using System.Text.Json;
using Microcircuit.Storage;
using Microcircuit.Tests.Data;

namespace Microcircuit.Tests.Reliability;

/// <summary>metrics.json and config.json say which build, runtime and machine made a run, and when.</summary>
public sealed class ProvenanceTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("metrics.json")]
    [InlineData("config.json")]
    public void A_run_records_the_build_runtime_machine_and_times(string file)
    {
        string run = _scratch["run"];
        var r = InProcess.Run(["train", "--out", run, .. InProcess.Tiny]);
        Assert.True(r.ExitCode == 0, r.Error);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, file)));
        var p = json.RootElement.GetProperty("provenance");
        string version = p.GetProperty("version").GetString()!;
        Assert.Matches(@"^\d+\.\d+\.\d+", version);
        Assert.Contains(".NET", p.GetProperty("runtime").GetString());
        Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("cpu").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("operating_system").GetString()));
        Assert.Equal(Environment.ProcessorCount, p.GetProperty("cores").GetInt32());
        var started = p.GetProperty("started").GetDateTimeOffset();
        var ended = p.GetProperty("ended").GetDateTimeOffset();
        Assert.InRange(started, DateTimeOffset.UtcNow.AddMinutes(-5), ended);
        Assert.InRange(ended, started, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public void The_version_carries_the_commit_the_build_came_from_when_built_from_a_git_checkout()
    {
        string version = Microcircuit.Storage.Provenance.CodeVersion;
        if (!Directory.Exists(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", ".git")))
            Assert.Skip("not built from a git checkout, so there is no commit to record");
        Assert.Matches(@"\+[0-9a-f]{40}$", version);
    }
}
