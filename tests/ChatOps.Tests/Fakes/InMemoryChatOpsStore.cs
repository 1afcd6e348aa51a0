using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Infrastructure.Storage;

namespace ChatOps.Tests.Fakes;

/// <summary>Hand-written fake of our store port: same chain rules, in memory, and a switch to make it "down".</summary>
public sealed partial class InMemoryChatOpsStore : IChatOpsStore
{
    private readonly Lock _gate = new();
    private readonly List<AuditEntry> _entries = [];
    private readonly List<(long Id, OutboxMessage Message, DateTimeOffset Created)> _outbox = [];
    private readonly Dictionary<long, (int Attempts, DateTimeOffset Due, string? Owner, DateTimeOffset LeaseUntil, bool Delivered)> _outboxState = [];
    private readonly Dictionary<string, PendingApproval> _approvals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset Until, string Owner)> _claims = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConversationReference> _conversations = new(StringComparer.Ordinal);

    public InMemoryChatOpsStore()
    {
    }

    /// <summary>Another replica on the same data: it shares every table and the lock, and keys its appends with its own keys.</summary>
    private InMemoryChatOpsStore(InMemoryChatOpsStore database, AuditChainKeys keys)
    {
        _gate = database._gate;
        _entries = database._entries;
        _outbox = database._outbox;
        _outboxState = database._outboxState;
        _approvals = database._approvals;
        _claims = database._claims;
        _conversations = database._conversations;
        _notifications = database._notifications;
        _alertGroups = database._alertGroups;
        _incidents = database._incidents;
        _timelines = database._timelines;
        _incidentCounters = database._incidentCounters;
        _setups = database._setups;
        _elevations = database._elevations;
        _expiryAnnounced = database._expiryAnnounced;
        ChainKeys = keys;
    }

    public bool Available { get; set; } = true;

    /// <summary>A second store instance on this one's data, as another bot replica on the same database.</summary>
    public InMemoryChatOpsStore Replica(AuditChainKeys keys) => new(this, keys);

    /// <summary>Records this store refuses as data, as PostgreSQL refuses a NUL: the append throws, the store stays up.</summary>
    public Func<AuditRecord, bool>? Refuses { get; set; }

    /// <summary>The chain's keys: the fake keys its chain like the real stores do.</summary>
    public AuditChainKeys ChainKeys { get; set; } = TestChainKeys.Default;

    /// <summary>When set, only the newest entries are kept, so a benchmark's millions of appends stay bounded.</summary>
    public int? RetainLast { get; init; }

    public IReadOnlyList<AuditEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public IReadOnlyList<OutboxMessage> Outbox
    {
        get
        {
            lock (_gate)
            {
                return _outbox.Select(o => o.Message).ToList();
            }
        }
    }

    public Task MigrateAsync(CancellationToken cancellationToken) => Guard();

    public Task PingAsync(CancellationToken cancellationToken) => Guard();

    public Task<AuditEntry> AppendAsync(AuditRecord record, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken)
    {
        Throw();
        Refuse([record]);
        record = record with { At = AuditChain.Normalize(record.At) };
        lock (_gate)
        {
            var previous = _entries.Count == 0 ? AuditChain.Genesis : _entries[^1].Hash;
            var seq = _entries.Count == 0 ? 1L : _entries[^1].Sequence + 1;
            var key = ChainKeys.Active;
            var entry = new AuditEntry(seq, record, previous, AuditChain.Hash(previous, seq, record, key)) { KeyId = key.Id };
            _entries.Add(entry);
            if (RetainLast is { } keep && _entries.Count > keep * 2)
            {
                _entries.RemoveRange(0, _entries.Count - keep);
            }
            Queue(RetainLast is null ? outbox : [], record.At);

            return Task.FromResult(entry);
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> AppendBatchAsync(IReadOnlyList<AuditAppend> appends, CancellationToken cancellationToken)
    {
        Throw();
        Refuse(appends.Select(a => a.Record));
        var entries = new List<AuditEntry>(appends.Count);
        foreach (var append in appends)
        {
            entries.Add(await AppendAsync(append.Record, append.Outbox, cancellationToken));
        }

        return entries;
    }

    public Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            IReadOnlyList<AuditRecord> result = _entries
                .GroupBy(e => e.Record.RequestId)
                .Select(g => g.MaxBy(e => e.Sequence)!)
                .Where(e => query.UserId is null || e.Record.UserId == query.UserId)
                .Where(e => query.Since is null || e.Record.At >= query.Since)
                .OrderByDescending(e => e.Sequence)
                .Take(query.Last)
                .Select(e => e.Record)
                .ToList();
            return Task.FromResult(result);
        }
    }

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        Throw();
        return Task.FromResult(AuditChain.Verify(Entries, ChainKeys));
    }

    public Task<AuditEntry?> HeadAsync(CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            return Task.FromResult(_entries.Count == 0 ? null : _entries[^1]);
        }
    }

    public Task<AuditEntry?> EntryAsync(long sequence, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            return Task.FromResult(_entries.Find(e => e.Sequence == sequence));
        }
    }

    public Task EnqueueAsync(string requestId, IReadOnlyList<OutboxMessage> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            Queue(messages, now);
        }

        return Task.CompletedTask;
    }

    /// <summary>What an attacker with write access does to hide the newest records: delete them.</summary>
    public void DeleteNewest(int count)
    {
        lock (_gate)
        {
            _entries.RemoveRange(_entries.Count - count, count);
        }
    }

    /// <summary>
    /// What an attacker who read the source does: change a record and recompute every link from it on with the
    /// published unkeyed rule (plain SHA-256, no key id), so the chain is consistent again.
    /// </summary>
    public void RewriteAndRecompute(long sequence, Func<AuditRecord, AuditRecord> change)
    {
        lock (_gate)
        {
            var i = _entries.FindIndex(e => e.Sequence == sequence);
            var previous = i == 0 ? AuditChain.Genesis : _entries[i - 1].Hash;
            for (; i < _entries.Count; i++)
            {
                var e = _entries[i];
                var record = e.Sequence == sequence ? change(e.Record) : e.Record;
                var hash = System.Security.Cryptography.SHA256.HashData(
                    System.Text.Encoding.UTF8.GetBytes(previous + "\n" + AuditChain.Canonical(e.Sequence, record)));
                _entries[i] = new AuditEntry(e.Sequence, record, previous, Convert.ToHexStringLower(hash));
                previous = _entries[i].Hash;
            }
        }
    }

    /// <summary>What an attacker with write access to the table would do.</summary>
    public void Tamper(long sequence, Func<AuditRecord, AuditRecord> change)
    {
        lock (_gate)
        {
            var i = _entries.FindIndex(e => e.Sequence == sequence);
            _entries[i] = _entries[i] with { Record = change(_entries[i].Record) };
        }
    }

    private void Refuse(IEnumerable<AuditRecord> records)
    {
        if (Refuses is { } refuses && records.Any(refuses))
        {
            throw new AuditRecordRefusedException("in-memory audit store refused the record: invalid value (test)");
        }
    }

    private Task Guard()
    {
        Throw();
        return Task.CompletedTask;
    }

    private void Throw()
    {
        if (!Available)
        {
            throw new AuditStoreUnavailableException("connection refused (test)");
        }
    }

    public async Task<bool> TryClaimAsync(string key, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        (await ClaimAsync(key, string.Empty, now, expiresAt, cancellationToken)).Claimed;

    public Task<IdempotencyClaim> ClaimAsync(string key, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (_claims.TryGetValue(key, out var claim) && claim.Until > now)
            {
                return Task.FromResult(new IdempotencyClaim(false, claim.Owner));
            }

            _claims[key] = (expiresAt, owner);
            return Task.FromResult(new IdempotencyClaim(true, owner));
        }
    }

    public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            _conversations[reference.ConversationId] = reference;
            return Task.CompletedTask;
        }
    }

    public Task<ConversationReference?> GetConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            return Task.FromResult(_conversations.GetValueOrDefault(conversationId));
        }
    }

    public Task<bool> RemoveConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            return Task.FromResult(_conversations.Remove(conversationId));
        }
    }
}
