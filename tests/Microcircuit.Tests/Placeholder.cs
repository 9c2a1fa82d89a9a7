namespace Microcircuit.Tests;
