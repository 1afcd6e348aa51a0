using ChatOps.Bot.Hosting;

if (args is ["config-reference", ..])
{
    return ConfigurationReference.Run(args[1..], Console.Out, Console.Error);
}

if (args is ["policy", "check", ..])
{
    return await ChatOps.Bot.Hosting.PolicyCheck.PolicyCheckVerb.RunAsync(args[2..], Console.Out, Console.Error);
}

if (args is ["console", ..])
{
    return await ConsoleHost.RunAsync(args[1..]);
}

return await StartupGuard.RunAsync(async () =>
{
    // The documented appsettings.json is copied beside the binary; `dotnet run` starts in the project folder.
    var builder = WebHost.CreateBuilder(args, AppContext.BaseDirectory);
    builder.AddChatOps();
    var app = builder.Build();
    app.MapChatOps();
    app.Logger.LogInformation("Runtime: {Runtime}", RuntimeReport.Describe());
    await app.RunAsync();
    return 0;
});

public partial class Program;
