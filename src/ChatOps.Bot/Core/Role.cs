namespace ChatOps.Bot.Core;

/// <summary>Ordered: a higher role includes everything a lower one may do.</summary>
public enum Role
{
    None = 0,
    Viewer = 1,
    Operator = 2,
    Admin = 3,
}
