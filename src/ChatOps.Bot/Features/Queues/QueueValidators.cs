using FluentValidation;

namespace ChatOps.Bot.Features.Queues;

public sealed class ListQueuesQueryValidator : AbstractValidator<ListQueuesQuery>
{
    public ListQueuesQueryValidator(BrokerTargetRule targets) => QueueRules.Broker(this, targets);
}

public sealed class CheckQueueQueryValidator : AbstractValidator<CheckQueueQuery>
{
    public CheckQueueQueryValidator(BrokerTargetRule targets)
    {
        QueueRules.Name(this);
        QueueRules.Broker(this, targets);
    }
}

public sealed class PurgeQueueCommandValidator : AbstractValidator<PurgeQueueCommand>
{
    public PurgeQueueCommandValidator(BrokerTargetRule targets)
    {
        QueueRules.Name(this);
        QueueRules.Broker(this, targets);
    }
}

public sealed class ReplayQueueCommandValidator : AbstractValidator<ReplayQueueCommand>
{
    public ReplayQueueCommandValidator(BrokerTargetRule targets)
    {
        QueueRules.Name(this);
        RuleFor(c => c.To!)
            .Must(QueueRules.IsName)
            .When(c => c.To is not null)
            .WithMessage($"--to is a queue name of 1 to {QueueRules.MaxNameBytes} bytes without control characters");
        RuleFor(c => c.To)
            .Must((c, to) => !string.Equals(to, c.Queue, StringComparison.Ordinal))
            .WithMessage("--to names the dead-letter queue itself: the messages would not move");
        RuleFor(c => c.Selector!)
            .Must(s => s.Trim().Length > 0 && s.Length <= 1000 && !s.Any(char.IsControl))
            .When(c => c.Selector is not null)
            .WithMessage("--selector is a JMS selector of 1 to 1000 characters, such as \"JMSPriority > 4\"");
        QueueRules.Broker(this, targets);
    }
}

internal static class QueueRules
{
    /// <summary>RabbitMQ's own limit on a queue name, in UTF-8 bytes.</summary>
    public const int MaxNameBytes = 255;

    public static void Name<T>(AbstractValidator<T> validator)
        where T : IQueueRequest =>
        validator.RuleFor(c => c.Queue)
            .Must(IsName)
            .WithMessage($"a queue name is 1 to {MaxNameBytes} bytes without control characters");

    public static bool IsName(string q) => q.Length > 0 && System.Text.Encoding.UTF8.GetByteCount(q) <= MaxNameBytes && !q.Any(char.IsControl);

    public static void Broker<T>(AbstractValidator<T> validator, BrokerTargetRule targets)
        where T : IBrokerRequest =>
        validator.RuleFor(c => c).CustomAsync(async (c, context, ct) =>
        {
            if (await targets.ErrorAsync(c.Broker, c.Context, ct) is { } error)
            {
                context.AddFailure(error);
            }
        });
}
