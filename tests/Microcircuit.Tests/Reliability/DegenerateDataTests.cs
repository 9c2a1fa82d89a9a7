using Microcircuit.Tests.Data;

namespace Microcircuit.Tests.Reliability;

/// <summary>An empty training or test split is an error (exit 4), not a run that reports accuracy 0.0000 and exits 0.</summary>
public sealed class DegenerateDataTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData(40, 0, "no test samples")]
    [InlineData(0, 20, "no training samples")]
    public void An_empty_split_is_refused(int train, int test, string mention)
    {
        string folder = _scratch.Folder("mnist");
        SyntheticFiles.WriteIdxDataset(folder, train, test, gzip: false);
        var r = InProcess.Run(["train", "--dataset", "mnist", "--data-dir", folder, "--no-verify", "--epochs", "1", "--hidden", "8", "--steps", "2", "--quiet"]);
        InProcess.AssertRefused(r, 4, mention);
    }
}
