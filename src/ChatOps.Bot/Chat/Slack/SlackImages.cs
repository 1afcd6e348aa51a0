using System.Text.Json.Nodes;

namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// The pictures of an answer (a <c>metrics</c> chart), shared as files into the conversation the command came from,
/// after the answer and apart from it: the text answer never waits for an upload, and an upload that fails or takes
/// longer than <see cref="SlackOptions.UploadTimeout"/> is told in one line where the answer went.
/// </summary>
public sealed class SlackImages(ISlackApi api, BackgroundWork background, IOptionsMonitor<SlackOptions> options, TimeProvider clock, ILogger<SlackImages> logger)
{
    /// <summary>Starts the uploads; <paramref name="responseUrl"/> (a slash command's) carries a failure line when there is no thread.</summary>
    public void Share(OperationResult result, string channel, string? threadTs, Uri? responseUrl)
    {
        if (result.Images.Count == 0 || channel.Length == 0)
        {
            return;
        }

        background.Run("chart upload", ct => UploadAsync(result.Images, channel, threadTs, responseUrl, ct));
    }

    private async Task UploadAsync(IReadOnlyList<ResultImage> images, string channel, string? threadTs, Uri? responseUrl, CancellationToken cancellationToken)
    {
        foreach (var image in images)
        {
            var limit = options.CurrentValue.UploadTimeout;
            using var timeout = new CancellationTokenSource(limit, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            string? failure;
            try
            {
                await api.UploadFileAsync(channel, threadTs, image.FileName, image.Content, image.AltText, linked.Token);
                continue;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                failure = $"timed out after {limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";
            }
            catch (SlackApiException e)
            {
                failure = $"Slack answered {e.Error}";
            }
            catch (HttpRequestException)
            {
                failure = "Slack could not be reached";
            }

            logger.LogWarning("Chart {File} not uploaded to {Channel}: {Failure}", image.FileName, channel, failure);
            await TellAsync($"chart {image.FileName} not attached: the upload {(failure.StartsWith("timed", StringComparison.Ordinal) ? failure : $"failed ({failure})")}", channel, threadTs, responseUrl, cancellationToken);
        }
    }

    private async Task TellAsync(string line, string channel, string? threadTs, Uri? responseUrl, CancellationToken cancellationToken)
    {
        var message = new JsonObject { ["text"] = $":warning: {BlockKit.Escape(line)}" };
        try
        {
            if (threadTs is null && responseUrl is not null)
            {
                message["response_type"] = "ephemeral";
                message["replace_original"] = false;
                await api.RespondAsync(responseUrl, message, cancellationToken);
            }
            else
            {
                await api.PostMessageAsync(channel, message, threadTs, cancellationToken);
            }
        }
        catch (Exception e) when (e is SlackApiException or HttpRequestException)
        {
            logger.LogWarning("Could not tell {Channel} that a chart was not attached: {Error}", channel, e.Message);
        }
    }
}
