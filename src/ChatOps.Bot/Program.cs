using ChatOps.Bot.Hosting;

if (args is ["console", ..])
{
    return await ConsoleHost.RunAsync(args[1..]);
}

return await StartupGuard.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddChatOps();
    var app = builder.Build();
    app.MapChatOps();
    await app.RunAsync();
    return 0;
});

public partial class Program;
