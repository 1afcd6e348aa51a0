using ChatOps.Bot.Features.Authorization;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Hosting.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOps.Tests.Hosting;

/// <summary>Issue 17: the sandbox is the console's flag alone; no key or argument turns it on in the HTTP host.</summary>
public sealed class SandboxConfigurationTests
{
    [Fact]
    public void HttpHost_IgnoresEverySandboxSwitch()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-sandbox-").FullName;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                Args =
                [
                    $"--ChatOps:Store:ConnectionString=Data Source={Path.Combine(folder, "chatops.db")}",
                    "--ChatOps:Sandbox=true", "--ChatOps:Sandbox:Enabled=true", "--Sandbox=true", "--sandbox",
                ],
            });
            builder.AddChatOps();
            using var app = builder.Build();

            app.Services.GetRequiredService<IOptions<TargetOptions>>().Value.Clusters.ShouldNotContainKey(SandboxCluster.Name);
            app.Services.GetService<SandboxCluster>().ShouldBeNull();
            File.Exists(Path.Combine(folder, SandboxRecord.FileName)).ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
