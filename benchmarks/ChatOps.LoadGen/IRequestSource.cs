namespace ChatOps.LoadGen;

/// <summary>Builds request number i; called on the sending path, so it must be cheap and must not block.</summary>
public interface IRequestSource
{
    HttpRequestMessage Create(long index);
}

public sealed class GetRequestSource(Uri url) : IRequestSource
{
    public HttpRequestMessage Create(long index) => new(HttpMethod.Get, url);
}
