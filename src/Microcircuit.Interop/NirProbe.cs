using PureHDF;

namespace Microcircuit.Interop;

internal static class NirProbe
{
    public static void Write(string path)
    {
        var file = new H5File
        {
            ["version"] = "0.5.0",
            ["node"] = new H5Group
            {
                ["nodes"] = new H5Group
                {
                    ["fc"] = new H5Group
                    {
                        ["type"] = "Affine",
                        ["weight"] = new H5Dataset(new float[] { 1, 2, 3, 4, 5, 6 }, fileDims: [2, 3]),
                        ["bias"] = new float[] { 0.5f, 0.25f },
                    },
                },
                ["edges"] = new H5Group
                {
                    ["src"] = new[] { "input", "fc" },
                    ["dst"] = new[] { "fc", "output" },
                },
            },
        };
        file.Write(path);
    }
}
