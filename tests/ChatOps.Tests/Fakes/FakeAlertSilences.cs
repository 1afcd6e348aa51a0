using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Silences;

namespace ChatOps.Tests.Fakes;

/// <summary>
/// An Alertmanager in memory: firing alerts (labels) and silences, matched with the same matcher semantics. Records
/// every saved draft; <see cref="Down"/> makes every call fail like an unreachable Alertmanager.
/// </summary>
public sealed class FakeAlertSilences(TimeProvider clock) : IAlertSilences
{
    private readonly Lock gate = new();
    private readonly List<Silence> silences = [];

    public List<Dictionary<string, string>> Firing { get; } = [];

    public List<SilenceDraft> Saved { get; } = [];

    public bool Down { get; set; }

    public Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> FiringAsync(
        string alertmanager, IReadOnlyList<SilenceMatcher> matchers, CancellationToken cancellationToken)
    {
        Fail(alertmanager);
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<IReadOnlyDictionary<string, string>>>(
                Firing.Where(a => matchers.All(m => m.Matches(a.GetValueOrDefault(m.Name)))).ToList());
        }
    }

    public Task<string> SaveAsync(string alertmanager, SilenceDraft silence, CancellationToken cancellationToken)
    {
        Fail(alertmanager);
        lock (gate)
        {
            Saved.Add(silence);
            var id = silence.Id ?? Guid.NewGuid().ToString("D");
            silences.RemoveAll(s => s.Id == id);
            silences.Add(new Silence(id, silence.Matchers, silence.StartsAt, silence.EndsAt, silence.CreatedBy, silence.Comment, State(silence.StartsAt, silence.EndsAt)));
            return Task.FromResult(id);
        }
    }

    public Task<IReadOnlyList<Silence>> ListAsync(string alertmanager, CancellationToken cancellationToken)
    {
        Fail(alertmanager);
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<Silence>>(silences.Select(s => s with { State = State(s.StartsAt, s.EndsAt) }).ToList());
        }
    }

    public Task<Silence?> GetAsync(string alertmanager, string id, CancellationToken cancellationToken)
    {
        Fail(alertmanager);
        lock (gate)
        {
            return Task.FromResult(silences.Where(s => s.Id == id).Select(s => s with { State = State(s.StartsAt, s.EndsAt) }).FirstOrDefault());
        }
    }

    public Task<bool> ExpireAsync(string alertmanager, string id, CancellationToken cancellationToken)
    {
        Fail(alertmanager);
        lock (gate)
        {
            var i = silences.FindIndex(s => s.Id == id);
            if (i < 0)
            {
                return Task.FromResult(false);
            }

            silences[i] = silences[i] with { EndsAt = clock.GetUtcNow() };
            return Task.FromResult(true);
        }
    }

    private string State(DateTimeOffset start, DateTimeOffset end)
    {
        var now = clock.GetUtcNow();
        return end <= now ? "expired" : start > now ? "pending" : "active";
    }

    private void Fail(string alertmanager)
    {
        if (Down)
        {
            throw new PortFailure($"Alertmanager {alertmanager} is unavailable: unreachable (ConnectionError)");
        }
    }
}
