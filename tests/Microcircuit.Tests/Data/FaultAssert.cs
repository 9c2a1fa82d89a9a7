using Microcircuit.Errors;
using Xunit;

namespace Microcircuit.Tests.Data;

/// <summary>Checks that an action fails with a one-line <see cref="MicrocircuitException"/> of a given kind.</summary>
internal static class FaultAssert
{
    public static MicrocircuitException Throws(ErrorKind kind, Action action, params string[] mentions)
    {
        MicrocircuitException e = Assert.ThrowsAny<MicrocircuitException>(action);
        Assert.Equal(kind, e.Kind);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\r', e.Message);
        Assert.Contains("fix:", e.Message);
        foreach (string text in mentions)
        {
            Assert.Contains(text, e.Message);
        }

        return e;
    }
}
