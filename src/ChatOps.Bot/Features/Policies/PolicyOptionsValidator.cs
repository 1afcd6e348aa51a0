namespace ChatOps.Bot.Features.Policies;

/// <summary>A freeze that cannot be evaluated would fail open or closed at the worst moment: refuse it at start.</summary>
internal sealed class PolicyOptionsValidator(CommandRegistry registry, IConfiguration configuration) : IValidateOptions<PolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        var e = new OptionsErrors();
        e.EachElementBinds<FreezeWindowOptions>(configuration, $"{PolicyOptions.SectionName}:Freezes");
        e.EachElementBinds<CommandRateOptions>(configuration, $"{PolicyOptions.SectionName}:Limits:Rates");
        var mutating = registry.Commands.Where(c => c.Mutating).Select(c => c.Name).ToList();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Freezes.Count; i++)
        {
            var w = options.Freezes[i];
            var key = $"{PolicyOptions.SectionName}:Freezes:{i}";
            e.Check(w.Name.Trim().Length > 0, $"{key}:Name", "give the window a name");
            e.Check(w.Name.Trim().Length == 0 || names.Add(w.Name), $"{key}:Name", $"'{w.Name}' is used by another window");
            e.Check(TimeZoneInfo.TryFindSystemTimeZoneById(w.TimeZone, out _), $"{key}:TimeZone", $"'{w.TimeZone}' is not a known IANA time zone");
            CheckSchedule(e, w, key);
            foreach (var command in w.Commands)
            {
                e.Check(mutating.Contains(command, StringComparer.OrdinalIgnoreCase), $"{key}:Commands",
                    $"'{command}' is not a mutating command (reads are never frozen)");
            }
        }

        var limits = options.Limits;
        var lk = $"{PolicyOptions.SectionName}:Limits";
        e.Check(limits.ProtectedNamespaces.All(n => n.Trim().Length > 0), $"{lk}:ProtectedNamespaces", "a protected namespace may not be empty");
        e.Check(limits.MaxReplicaChange is null or >= 1, $"{lk}:MaxReplicaChange", $"{limits.MaxReplicaChange} must be 1 or more");
        e.Check(limits.MaxReplicaChangePercent is null or (>= 1 and <= 10000), $"{lk}:MaxReplicaChangePercent", $"{limits.MaxReplicaChangePercent} must be between 1 and 10000");
        e.Check(limits.MinProductionReplicas is null or >= 1, $"{lk}:MinProductionReplicas", $"{limits.MinProductionReplicas} must be 1 or more");
        e.Check(limits.MaxKillSessions is null or >= 1, $"{lk}:MaxKillSessions", $"{limits.MaxKillSessions} must be 1 or more");
        RateRules.Check(e, limits.Rates, mutating, $"{lk}:Rates");
        var elevation = options.Elevation;
        e.Check(elevation.MaxDuration > TimeSpan.Zero && elevation.MaxDuration <= TimeSpan.FromDays(1), $"{PolicyOptions.SectionName}:Elevation:MaxDuration",
            $"{elevation.MaxDuration} must be more than zero and at most a day (break-glass is for an emergency)");
        return e.Result;
    }

    private static void CheckSchedule(OptionsErrors e, FreezeWindowOptions w, string key)
    {
        var weekly = w.StartDay is not null || w.StartTime is not null || w.EndDay is not null || w.EndTime is not null;
        var oneOff = w.From is not null || w.Until is not null;
        e.Check(weekly != oneOff, key, "give either StartDay/StartTime/EndDay/EndTime (weekly) or From/Until (one-off), not both and not neither");
        if (weekly)
        {
            e.Check(w.StartDay is not null && w.EndDay is not null, key, "a weekly window needs StartDay and EndDay");
            e.Check(FreezeSchedule.TryParseTime(w.StartTime, out var start), $"{key}:StartTime", $"'{w.StartTime}' is not a time ({FreezeSchedule.TimeFormat})");
            e.Check(FreezeSchedule.TryParseTime(w.EndTime, out var end), $"{key}:EndTime", $"'{w.EndTime}' is not a time ({FreezeSchedule.TimeFormat})");
            e.Check(w.StartDay != w.EndDay || start != end, key, "a weekly window must not start and end at the same moment");
        }
        else if (oneOff)
        {
            e.Check(FreezeSchedule.TryParseLocal(w.From, out var from), $"{key}:From", $"'{w.From}' is not a local time ({FreezeSchedule.DateTimeFormat})");
            e.Check(FreezeSchedule.TryParseLocal(w.Until, out var until), $"{key}:Until", $"'{w.Until}' is not a local time ({FreezeSchedule.DateTimeFormat})");
            e.Check(from == default || until == default || from < until, $"{key}:Until", $"'{w.Until}' must be after From '{w.From}'");
        }
    }
}
