using System.Globalization;
using ChatOps.SimCluster;

// Standalone: dotnet run --project src/ChatOps.SimCluster -- --port 8001 --seed seeds/urbanos.json [--kubeconfig path] [--speed n]
// Rollouts progress over real time with SimTiming.Realistic delays; --speed 10 makes simulated time run ten times faster.
var port = 8001;
string? seed = null;
string? kubeconfig = null;
var speed = 1.0;
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
        case "--speed" when double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0:
            speed = s;
            break;
        default:
            Console.Error.WriteLine($"bad argument {args[i]} {args[i + 1]}; usage: --port n --seed file.json --kubeconfig path --speed factor (> 0)");
            return 2;
    }
}

await using var server = await KubeApiServer.StartAsync(port, new ScaledClock(speed), SimTiming.Realistic);
if (seed is not null)
{
    server.Seed.Load(Path.IsPathRooted(seed) || File.Exists(seed) ? seed : Path.Combine(AppContext.BaseDirectory, seed));
}

Console.WriteLine($"Kubernetes API test server on {server.BaseAddress} (simulated time at {speed.ToString(CultureInfo.InvariantCulture)}x)");
if (kubeconfig is not null)
{
    server.WriteKubeconfig(kubeconfig, "urbanos");
    Console.WriteLine($"kubeconfig written to {kubeconfig} (context \"test\")");
}

await server.WaitForShutdownAsync();
return 0;
