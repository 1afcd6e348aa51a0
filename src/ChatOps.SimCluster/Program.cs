using System.Globalization;
using ChatOps.SimCluster;

// Standalone: dotnet run --project src/ChatOps.SimCluster -- --port 8001 --seed seeds/urbanos.json [--kubeconfig path]
var port = 8001;
string? seed = null;
string? kubeconfig = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--port":
            port = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--seed":
            seed = args[i + 1];
            break;
        case "--kubeconfig":
            kubeconfig = args[i + 1];
            break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}; usage: --port n --seed file.json --kubeconfig path");
            return 2;
    }
}

await using var server = await KubeApiServer.StartAsync(port);
if (seed is not null)
{
    server.Seed.Load(Path.IsPathRooted(seed) || File.Exists(seed) ? seed : Path.Combine(AppContext.BaseDirectory, seed));
}

Console.WriteLine($"Kubernetes API test server on {server.BaseAddress}");
if (kubeconfig is not null)
{
    server.WriteKubeconfig(kubeconfig, "urbanos");
    Console.WriteLine($"kubeconfig written to {kubeconfig} (context \"test\")");
}

await server.WaitForShutdownAsync();
return 0;
