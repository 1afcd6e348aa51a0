using System.Text;
using ChatOps.Bot.Infrastructure.Kubernetes;

namespace ChatOps.Tests.Features.Kubernetes;

/// <summary>The follow stream's reader: lines as they arrive, and never more than the byte cap off the wire.</summary>
public sealed class LogLinesTests
{
    /// <summary>A 1 MiB log, far longer than the cap, in reads of 100 bytes (lines span reads), counting what was taken off it.</summary>
    private sealed class LongLog : Stream
    {
        private static readonly byte[] Line = Encoding.UTF8.GetBytes("2026-03-01T09:00:00Z INFO served a request\n");

        public long Taken { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Taken; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            count = (int)Math.Min(Math.Min(count, 100), (1 << 20) - Taken);
            for (var i = 0; i < count; i++)
            {
                buffer[offset + i] = Line[(int)((Taken + i) % Line.Length)];
            }

            Taken += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task ALongStream_IsReadUpToTheCap_AndNoFurther_InWholeLines()
    {
        var stream = new LongLog();

        var lines = await LogLines.ReadAsync(stream, 1024, CancellationToken.None).ToListAsync();

        stream.Taken.ShouldBe(1024);
        lines.Sum(l => Encoding.UTF8.GetByteCount(l) + 1).ShouldBeLessThanOrEqualTo(1024 + 1);
        lines.SkipLast(1).ShouldAllBe(l => l == "2026-03-01T09:00:00Z INFO served a request");
    }

    [Fact]
    public async Task CrLf_IsTrimmed_AndTheLastUnendedLineIsKept()
    {
        var text = "first line\r\nsecond line\nno newline at the end";
        var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        var lines = await LogLines.ReadAsync(stream, 64 * 1024, CancellationToken.None).ToListAsync();

        lines.ShouldBe(["first line", "second line", "no newline at the end"]);
    }
}
