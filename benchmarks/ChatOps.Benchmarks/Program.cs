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

        if (args is ["kprobe"])
        {
            KubernetesProbe.Run();
            return;
        }

        if (args is ["slackprobe", .. var rest])
        {
            SlackAllocationProbe.Run(rest.FirstOrDefault() ?? "help");
            return;
        }

        if (args is ["storeprobe"])
        {
            StoreReadProbe.Run();
            return;
        }

        if (args is ["pgstoreprobe", var connectionString])
        {
            PostgresStoreProbe.RunAsync(connectionString).GetAwaiter().GetResult();
            return;
        }

        if (args is ["logprobe"])
        {
            LogMemoryProbe.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
