namespace ChatOps.Bot.Pipeline;

/// <summary>
/// Behaviours are open generics over the response type, but every <see cref="IOperation"/> answers with an
/// <see cref="OperationResult"/>; this is the one place that relies on it.
/// </summary>
internal static class PipelineResults
{
    public static TResponse As<TResponse>(OperationResult result) => (TResponse)(object)result;

    public static OperationResult From<TResponse>(TResponse response) => response as OperationResult
        ?? throw new InvalidOperationException("an operation answered with something other than an OperationResult");
}
