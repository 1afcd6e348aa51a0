namespace ChatOps.Bot.Core;

/// <summary>
/// What the keys of a dictionary-valued option are (<c>queue</c> for <c>Queues</c>), so the configuration reference
/// writes <c>ChatOps:Brokers:&lt;name&gt;:Queues:&lt;queue&gt;</c>; without it the key is shown as <c>&lt;name&gt;</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MapKeyAttribute(string placeholder) : Attribute
{
    public string Placeholder { get; } = placeholder;
}
