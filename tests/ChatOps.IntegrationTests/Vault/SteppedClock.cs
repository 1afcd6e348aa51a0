namespace ChatOps.IntegrationTests.Vault;

/// <summary>A clock the test moves, so lease timing is tested without waiting for it.</summary>
public sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
