namespace Microcircuit.Tests.Reliability;

/// <summary>
/// Numbers on the command line are read culture-invariantly and strictly: a decimal comma, a thousands separator,
/// NaN, infinity or overflow is refused with exit 2 naming the option, never re-read as another number.
/// </summary>
public sealed class StrictNumberTests
{
    [Theory]
    [InlineData("--lr", "0,001")]
    [InlineData("--threshold", "0,5")]
    [InlineData("--lr", "1,000")]
    [InlineData("--gate-width", "0,2")]
    [InlineData("--init-rate", "0,15")]
    [InlineData("--lr", "nan")]
    [InlineData("--lr", "NaN")]
    [InlineData("--lr", "inf")]
    [InlineData("--lr", "Infinity")]
    [InlineData("--weight-decay", "Infinity")]
    [InlineData("--clip", "Infinity")]
    [InlineData("--clamp", "-Infinity")]
    [InlineData("--tau-m", "Infinity")]
    [InlineData("--tau-s", "∞")]
    [InlineData("--lr", "1e999")]
    [InlineData("--tau-m", "1e39")]
    [InlineData("--error-spike", "NaN")]
    [InlineData("--epochs", "1,5")]
    [InlineData("--batch", "1e3")]
    [InlineData("--threads", "99999999999")]
    [InlineData("--seed", "-1")]
    [InlineData("--seed", "1,000")]
    public void A_number_that_is_not_plainly_finite_is_refused_naming_the_option(string option, string value)
    {
        var r = InProcess.Run(["train", option, value, .. InProcess.Tiny]);
        InProcess.AssertRefused(r, 2, option);
    }

    [Theory]
    [InlineData("--lr", "0.001")]
    [InlineData("--lr", "1e-3")]
    [InlineData("--lr", "+0.002")]
    [InlineData("--threshold", ".9")]
    public void A_plain_finite_number_is_taken(string option, string value)
    {
        var r = InProcess.Run(["train", option, value, .. InProcess.Tiny]);
        Assert.True(r.ExitCode == 0, r.Error);
    }
}
