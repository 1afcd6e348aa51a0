namespace ChatOps.Bot.Chat.Alertmanager;

/// <summary>Maps <c>POST /alertmanager</c>; always mapped, so an unconfigured bot answers 404 naming the key to set.</summary>
public static class AlertmanagerEndpoints
{
    public static IEndpointRouteBuilder MapAlertmanager(this IEndpointRouteBuilder app)
    {
        app.MapPost("/alertmanager", (HttpRequest request, AlertmanagerWebhook webhook) => webhook.HandleAsync(request));
        return app;
    }
}
