namespace ChatOps.Bot.Core;

/// <summary>
/// A check of what every command may carry (a global option such as <c>--incident</c>), run by the validation
/// behaviour after the command's own validators. Not a FluentValidation validator: it runs on every command, and the
/// common case (the option not given) must cost nothing, where a validator allocates its context and result (≈ 0.9 KB
/// per command) and compiles an expression tree at first use.
/// </summary>
public interface IGlobalOptionCheck
{
    /// <summary>The one-line refusal, or null when the command may run.</summary>
    ValueTask<string?> CheckAsync(IOperation operation, CancellationToken cancellationToken);
}
