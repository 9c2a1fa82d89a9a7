namespace Microcircuit.Compute;

/// <summary>
/// Where the arrays a step works on live. A back end on another device (a GPU) may keep an array it allocated or adopted
/// there between calls, so that a step moves only what the host must see; the host then reads such an array only after
/// <see cref="ToHost"/> and, after changing it, says so with <see cref="FromHost"/>. The CPU back end computes on the host
/// arrays themselves: every call here is free and changes nothing. Arrays the back end did not allocate or adopt work
/// everywhere too (they are copied in and out per call).
/// </summary>
public interface IDeviceMemory
{
    /// <summary>A zeroed array of <paramref name="length"/> floats that the back end may keep on its device.</summary>
    float[] Allocate(int length);

    /// <summary>
    /// The array the back end will compute on in place of <paramref name="array"/>, holding its values: the same array on
    /// the CPU (and for an array already the back end's); a copy it may keep on its device otherwise. Callers replace their
    /// reference with the one returned.
    /// </summary>
    float[] Adopt(float[] array);

    /// <summary>Makes the host's copy of <paramref name="array"/> current (the host is about to read it). Free on the CPU.</summary>
    void ToHost(float[] array);

    /// <summary>Says that the host changed <paramref name="array"/> (its device copy, if any, is stale). Free on the CPU.</summary>
    void FromHost(float[] array);
}
