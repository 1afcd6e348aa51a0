namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// A slash command's answer, kept as what it says until it is written: straight onto the HTTP response
/// (<see cref="WriteTo"/>), or as a tree into a Socket Mode acknowledgement (<see cref="ToJson"/>).
/// </summary>
public sealed class SlackReply
{
    private readonly OperationResult? _result;
    private readonly string? _text;
    private readonly bool _imagesShared;

    private SlackReply(OperationResult? result, string? text, bool imagesShared)
    {
        _result = result;
        _text = text;
        _imagesShared = imagesShared;
    }

    /// <summary>The command's result as Block Kit, seen by whom its <see cref="OperationResult.Visibility"/> says.</summary>
    public static SlackReply Of(OperationResult result, bool imagesShared = false) => new(result, null, imagesShared);

    /// <summary>A short text-only answer that only the requester sees.</summary>
    public static SlackReply Ephemeral(string text) => new(null, text, false);

    public void WriteTo(Utf8JsonWriter writer)
    {
        if (_result is null)
        {
            BlockKit.WriteEphemeral(writer, _text!);
        }
        else
        {
            BlockKit.Write(writer, _result, _imagesShared, BlockKit.ResponseType(_result));
        }
    }

    public JsonObject ToJson() => _result is null ? BlockKit.Ephemeral(_text!) : BlockKit.Response(_result, _imagesShared);
}
