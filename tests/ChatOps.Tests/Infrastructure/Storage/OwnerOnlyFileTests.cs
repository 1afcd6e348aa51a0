using ChatOps.Bot.Infrastructure.Storage;

namespace ChatOps.Tests.Infrastructure.Storage;

public sealed class OwnerOnlyFileTests
{
    [Fact]
    public void Write_CreatesTheFolderAndAFileOnlyItsOwnerCanRead()
    {
        var dir = Directory.CreateTempSubdirectory("chatops-owner-only-");
        try
        {
            var path = Path.Combine(dir.FullName, "data", "secret");

            OwnerOnlyFile.Write(path, "s3cret", overwrite: false).ShouldBeTrue();

            File.ReadAllText(path).ShouldBe("s3cret");
            Directory.GetFiles(Path.Combine(dir.FullName, "data")).ShouldBe([path]);
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void WriteWithoutOverwrite_KeepsTheFileAnotherProcessWroteFirst_AndLeavesNoTemporary()
    {
        var dir = Directory.CreateTempSubdirectory("chatops-owner-only-");
        try
        {
            var path = Path.Combine(dir.FullName, "key");
            File.WriteAllText(path, "theirs");

            OwnerOnlyFile.Write(path, "mine", overwrite: false).ShouldBeFalse();

            File.ReadAllText(path).ShouldBe("theirs");
            Directory.GetFiles(dir.FullName).ShouldBe([path]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void WriteWithOverwrite_ReplacesTheFile()
    {
        var dir = Directory.CreateTempSubdirectory("chatops-owner-only-");
        try
        {
            var path = Path.Combine(dir.FullName, "sandbox.json");
            File.WriteAllText(path, "old");

            OwnerOnlyFile.Write(path, "new", overwrite: true).ShouldBeTrue();

            File.ReadAllText(path).ShouldBe("new");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
