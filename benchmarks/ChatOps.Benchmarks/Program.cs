using BenchmarkDotNet.Running;

namespace ChatOps.Benchmarks;

public static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        if (args is ["probe"])
        {
            AllocationProbe.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
