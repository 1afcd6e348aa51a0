using System.Text;
using ChatOps.Bot.Infrastructure.Kubernetes;

namespace ChatOps.Tests.Infrastructure.Kubernetes;

/// <summary>The reader's own cap: whatever the server sends (a proxy that drops limitBytes, an endless log), it stops.</summary>
public sealed class LogReaderTests
{
    [Fact]
    public async Task AnEndlessLog_IsReadOnlyUpToTheCap_AndSaysItWasCut()
    {
        await using var endless = new EndlessLog();

        var log = await LogReader.ReadAsync(endless, 64 * 1024, 100, CancellationToken.None);

        endless.Served.ShouldBeLessThanOrEqualTo(64 * 1024);
        log.Truncated.ShouldBeTrue();
        log.Lines.Count.ShouldBe(100);
        log.Lines.ShouldAllBe(l => l.Length <= 40);
    }

    [Fact]
    public async Task AShortLog_KeepsItsLastLines_WithoutTheTrailingNewline()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("one\r\ntwo\nthree\n"));

        var log = await LogReader.ReadAsync(stream, 1024, 2, CancellationToken.None);

        log.ShouldBe(new ChatOps.Bot.Features.Kubernetes.PodLog(log.Lines, false));
        log.Lines.ShouldBe(["two", "three"]);
    }

    /// <summary>Never ends: counts what the reader took.</summary>
    private sealed class EndlessLog : Stream
    {
        private static readonly byte[] Line = Encoding.UTF8.GetBytes("2026-03-01T09:00:00Z INFO still going\n");

        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                buffer[offset + i] = Line[(Served + i) % Line.Length];
            }

            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
