using ChatOps.Bot.Operations;
using ChatOps.Bot.Operations.Approvals;
using ChatOps.Bot.Operations.Audit;

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

    public bool Available { get; set; } = true;

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
            foreach (var message in RetainLast is null ? outbox : [])
            {
                var id = _outbox.Count + 1L;
                _outbox.Add((id, message, record.At));
                _outboxState[id] = (0, record.At, null, DateTimeOffset.MinValue, false);
            }

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
            foreach (var message in messages)
            {
                var id = _outbox.Count + 1L;
                _outbox.Add((id, message, now));
                _outboxState[id] = (0, now, null, DateTimeOffset.MinValue, false);
            }
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

    public Task CreateAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            _approvals.Add(approval.Id, approval);
        }

        return Task.CompletedTask;
    }

    public Task<PendingApproval?> GetAsync(string id, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            return Task.FromResult(_approvals.GetValueOrDefault(id));
        }
    }

    public Task<VoteResult> VoteAsync(string id, string approverId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (!_approvals.TryGetValue(id, out var a))
            {
                return Task.FromResult(new VoteResult(VoteOutcome.NotFound, null));
            }

            if (a.Status == ApprovalStatus.Pending && now >= a.ExpiresAt)
            {
                _approvals[id] = a = a with { Status = ApprovalStatus.Expired };
                return Task.FromResult(new VoteResult(VoteOutcome.Expired, a));
            }

            if (a.Status != ApprovalStatus.Pending)
            {
                return Task.FromResult(new VoteResult(VoteOutcome.NotPending, a));
            }

            if (a.Approvers.Contains(approverId))
            {
                return Task.FromResult(new VoteResult(VoteOutcome.AlreadyVoted, a));
            }

            var approvers = a.Approvers.Append(approverId).ToList();
            var ready = approvers.Count >= a.RequiredApprovers;
            _approvals[id] = a = a with { Approvers = approvers, Status = ready ? ApprovalStatus.Executing : ApprovalStatus.Pending };
            return Task.FromResult(new VoteResult(ready ? VoteOutcome.ReadyToExecute : VoteOutcome.Recorded, a));
        }
    }

    public Task<bool> DenyAsync(string id, string deniedBy, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (!_approvals.TryGetValue(id, out var a) || a.Status != ApprovalStatus.Pending)
            {
                return Task.FromResult(false);
            }

            _approvals[id] = a with { Status = ApprovalStatus.Denied, DecidedBy = deniedBy, Reason = reason };
            return Task.FromResult(true);
        }
    }

    public Task CompleteAsync(string id, bool succeeded, string? error, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (_approvals.TryGetValue(id, out var a) && a.Status == ApprovalStatus.Executing)
            {
                _approvals[id] = a with { Status = succeeded ? ApprovalStatus.Executed : ApprovalStatus.Failed, Reason = error };
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> CountPendingAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            return Task.FromResult(_approvals.Values.Count(a => a.Status == ApprovalStatus.Pending && a.ExpiresAt > now));
        }
    }

    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string workerId, int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            IReadOnlyList<OutboxItem> claimed = _outbox
                .Where(o => _outboxState[o.Id] is { Delivered: false } s && s.Due <= now && (s.Owner is null || s.LeaseUntil <= now))
                .Where(o => !_outbox.Any(older => older.Id < o.Id && older.Message.Destination == o.Message.Destination
                    && _outboxState[older.Id] is { Delivered: false } os && (os.Due > now || (os.Owner is not null && os.LeaseUntil > now))))
                .Take(max)
                .Select(o =>
                {
                    var s = _outboxState[o.Id];
                    _outboxState[o.Id] = s with { Owner = workerId, LeaseUntil = now + lease };
                    return new OutboxItem(o.Id, o.Message.Destination, o.Message.Text, s.Attempts, o.Created);
                })
                .ToList();
            return Task.FromResult(claimed);
        }
    }

    public Task MarkDeliveredAsync(long id, string workerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (_outboxState[id].Owner == workerId)
            {
                _outboxState[id] = _outboxState[id] with { Delivered = true };
            }
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(long id, string workerId, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (_outboxState[id] is { Delivered: false } s && s.Owner == workerId)
            {
                _outboxState[id] = s with { Owner = null };
            }
        }

        return Task.CompletedTask;
    }

    public Task MarkFailedAsync(long id, string workerId, DateTimeOffset retryAt, string error, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            var s = _outboxState[id];
            _outboxState[id] = s with { Attempts = s.Attempts + 1, Due = retryAt, Owner = null };
        }

        return Task.CompletedTask;
    }

    public Task<long> CountBacklogAsync(CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            return Task.FromResult((long)_outboxState.Values.Count(s => !s.Delivered));
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
