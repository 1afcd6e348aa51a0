using ChatOps.Bot.Chat;
using ChatOps.Bot.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace ChatOps.Bot.Hosting;

/// <summary>
/// One body limit for every endpoint: <c>ChatOps:Http:MaxRequestBodyBytes</c>, or a smaller one the endpoint declares
/// with <see cref="IRequestSizeLimitMetadata"/> (<see cref="BodyLimit"/>). A declared Content-Length over the limit is
/// refused with 413 before anything is read; a chunked body is cut off by the server at the limit, also with 413.
/// </summary>
public static class RequestBodyLimits
{
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var configured = http.RequestServices.GetRequiredService<IOptions<HttpOptions>>().Value.MaxRequestBodyBytes;
        var declared = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        var limit = declared is { } d ? Math.Min(d, configured) : configured;
        if (http.Request.ContentLength > limit)
        {
            await RefuseAsync(http);
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        try
        {
            await next(http);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !http.Response.HasStarted)
        {
            await RefuseAsync(http);
        }
    });

    private static Task RefuseAsync(HttpContext http)
    {
        http.RequestServices.GetRequiredService<ChatOpsMetrics>()
            .BodyTooLarge(http.GetEndpoint() is RouteEndpoint route ? route.RoutePattern.RawText ?? "?" : "(no route)");
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return Task.CompletedTask;
    }
}

/// <summary>An endpoint's own, smaller body limit in bytes (0: no body at all).</summary>
public sealed record BodyLimit(long Bytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => Bytes;
}
