namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// The pictures and files of an answer (a <c>metrics</c> chart, the full log a <c>logs</c> answer cut), shared as files after the answer and apart from it: into the
/// conversation the command came from when the answer is for the channel, into the requester's direct messages with
/// the bot when only the requester sees the answer (a shared file is seen by everyone in the channel). The text answer
/// never waits for an upload, and an upload that fails or takes longer than <see cref="SlackOptions.UploadTimeout"/>
/// is told in one line, as privately as the answer.
/// </summary>
public sealed class SlackAttachments(ISlackApi api, BackgroundWork background, IOptionsMonitor<SlackOptions> options, TimeProvider clock, ILogger<SlackAttachments> logger)
{
    /// <summary>Starts the uploads; <paramref name="responseUrl"/> (a slash command's) carries a failure line when there is no thread.</summary>
    public void Share(OperationResult result, string channel, string? threadTs, string user, Uri? responseUrl)
    {
        List<Upload> uploads =
        [
            .. result.Images.Select(i => new Upload("chart", i.FileName, i.Content, i.AltText)),
            .. result.Files.Select(f => new Upload(f.Description, f.FileName, f.Content, f.Description)),
        ];
        if (uploads.Count == 0 || channel.Length == 0)
        {
            return;
        }

        var where = new Where(channel, threadTs, result.Visibility == Visibility.InChannel ? null : user, responseUrl);
        background.Run("file upload", ct => UploadAsync(uploads, where, ct));
    }

    /// <summary>Where the command came from; <see cref="PrivateTo"/> is set when only that user sees the answer.</summary>
    private sealed record Where(string Channel, string? ThreadTs, string? PrivateTo, Uri? ResponseUrl);

    /// <summary>One file to share; <see cref="What"/> names it in the failure line ("chart", "full log").</summary>
    private sealed record Upload(string What, string FileName, ReadOnlyMemory<byte> Content, string AltText);

    private async Task UploadAsync(IReadOnlyList<Upload> uploads, Where where, CancellationToken cancellationToken)
    {
        var (channel, threadTs) = (where.Channel, where.ThreadTs);
        string? direct = null;
        foreach (var image in uploads)
        {
            var limit = options.CurrentValue.UploadTimeout;
            using var timeout = new CancellationTokenSource(limit, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            string? failure;
            try
            {
                if (where.PrivateTo is { } user)
                {
                    direct ??= await api.OpenDirectMessageAsync(user, linked.Token);
                    await api.UploadFileAsync(direct, null, image.FileName, image.Content, image.AltText, linked.Token);
                }
                else
                {
                    await api.UploadFileAsync(channel, threadTs, image.FileName, image.Content, image.AltText, linked.Token);
                }

                continue;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                failure = $"timed out after {limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";
            }
            catch (SlackApiException e)
            {
                failure = $"failed (Slack answered {e.Error})";
            }
            catch (HttpRequestException)
            {
                failure = "failed (Slack could not be reached)";
            }

            logger.LogWarning("File {File} not uploaded to {Channel}: {Failure}", image.FileName, channel, failure);
            await TellAsync($"{image.What} {image.FileName} not attached: the upload {failure}", where, cancellationToken);
        }
    }

    private async Task TellAsync(string line, Where where, CancellationToken cancellationToken)
    {
        var (channel, threadTs, responseUrl) = (where.Channel, where.ThreadTs, where.ResponseUrl);
        var message = new JsonObject { ["text"] = $":warning: {BlockKit.Escape(line)}" };
        try
        {
            if (threadTs is null && responseUrl is not null)
            {
                message["response_type"] = "ephemeral";
                message["replace_original"] = false;
                await api.RespondAsync(responseUrl, message, cancellationToken);
            }
            else if (where.PrivateTo is { } user)
            {
                await api.PostEphemeralAsync(channel, user, message, threadTs, cancellationToken);
            }
            else
            {
                await api.PostMessageAsync(channel, message, threadTs, cancellationToken);
            }
        }
        catch (Exception e) when (e is SlackApiException or HttpRequestException)
        {
            logger.LogWarning("Could not tell {Channel} that a file was not attached: {Error}", channel, e.Message);
        }
    }
}
