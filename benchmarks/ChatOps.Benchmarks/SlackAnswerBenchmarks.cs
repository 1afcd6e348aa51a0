using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Core;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Parsing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Benchmarks;

/// <summary>
/// An answer written as Block Kit JSON, alone: the <c>help</c> listing (≈ 8,000 characters, a newline on every line)
/// and a 40-row pods table, the two longest texts a command writes on every call.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SlackAnswerBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private Utf8JsonWriter _writer = null!;
    private OperationResult _help = null!;
    private OperationResult _table = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var services = new ServiceCollection().AddLogging().AddChatOpsCore(new ConfigurationBuilder().Build()).BuildServiceProvider();
        _help = OperationResult.Success(services.GetRequiredService<CommandRegistry>().HelpList) with { Title = "ChatOps commands" };
        var rows = Enumerable.Range(0, 40)
            .Select(i => (IReadOnlyList<string>)[$"urbanos-service-billing-7d9f8c6b5-{i:x5}", "Running", "1/1", $"{i % 3}", "node-" + i % 4, "registry.example/billing:1.42.0"])
            .ToList();
        _table = OperationResult.Success("3/3 ready, rollout complete") with
        {
            Title = "urbanos-service-billing",
            Tables = [new ResultTable(["POD", "PHASE", "READY", "RESTARTS", "NODE", "IMAGE"], rows, "pods")],
        };
        _writer = new Utf8JsonWriter(_buffer, BlockKit.WriterOptions);
    }

    [Benchmark]
    public int Help() => Write(_help);

    [Benchmark]
    public int PodsTable() => Write(_table);

    private int Write(OperationResult result)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        BlockKit.Write(_writer, result, imagesShared: true, "ephemeral");
        _writer.Flush();
        return _buffer.WrittenCount;
    }
}
