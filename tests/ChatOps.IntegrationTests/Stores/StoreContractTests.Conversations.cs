using ChatOps.Bot.Core;

namespace ChatOps.IntegrationTests.Stores;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task ConversationReference_IsSaved_Replaced_AndRemoved()
    {
        var first = new ConversationReference("19:audit@thread.tacv2", "https://smba.example/emea/", "tenant-1", "28:bot", "channel", T0);
        (await Store.GetConversationAsync(first.ConversationId, Ct)).ShouldBeNull();

        await Store.SaveAsync(first, Ct);
        (await Store.GetConversationAsync(first.ConversationId, Ct)).ShouldBe(first);

        // Teams may move a tenant to another service URL: the newest reference wins.
        var moved = first with { ServiceUrl = "https://smba.example/amer/", UpdatedAt = T0.AddHours(1) };
        await Store.SaveAsync(moved, Ct);
        (await Store.GetConversationAsync(first.ConversationId, Ct)).ShouldBe(moved);

        (await Store.RemoveConversationAsync(first.ConversationId, Ct)).ShouldBeTrue();
        (await Store.RemoveConversationAsync(first.ConversationId, Ct)).ShouldBeFalse();
        (await Store.GetConversationAsync(first.ConversationId, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ConversationReference_KeepsNullableFields_AndSurvivesReopening()
    {
        var personal = new ConversationReference("a:1personal", "https://smba.example/", null, "28:bot", null, T0);
        await Store.SaveAsync(personal, Ct);

        (await OpenStore().GetConversationAsync(personal.ConversationId, Ct)).ShouldBe(personal);
    }
}
