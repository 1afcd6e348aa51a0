using System.Collections;
using System.Reflection;
using ChatOps.Bot.Core.Redaction;

namespace ChatOps.Bot.Hosting;

/// <summary>One key of the configuration reference; <see cref="Meaning"/> is null when the property has no <c>[Description]</c>.</summary>
public sealed record ConfigurationRow(string Key, string Type, string Default, string? Meaning, string Property);

/// <summary>
/// Walks an options class the way the configuration binder does: scalars are keys, lists of sections get an index
/// (<c>N</c>), dictionaries a name, nested classes their property name. Defaults come from a default-constructed
/// instance, so they are the values the bot uses when a key is not set at all.
/// </summary>
internal static class ConfigurationRows
{
    private const string None = "—";

    public static IEnumerable<ConfigurationRow> Of(Type type, string prefix)
    {
        var instance = Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"{type.Name} has no parameterless constructor");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            foreach (var row in Of(property, property.GetValue(instance), $"{prefix}:{property.Name}"))
            {
                yield return row;
            }
        }
    }

    private static IEnumerable<ConfigurationRow> Of(PropertyInfo property, object? value, string key)
    {
        var type = property.PropertyType;
        var meaning = property.GetCustomAttribute<DescriptionAttribute>()?.Description;
        var name = $"{property.DeclaringType!.Name}.{property.Name}";
        if (IsScalar(type))
        {
            var secret = ConfiguredSecrets.IsSecretName(property.Name);
            return [new(key, secret ? "string (secret)" : TypeName(type), secret ? None : Format(value), meaning, name)];
        }

        if (GenericArgument(type, typeof(List<>)) is { } item)
        {
            return IsScalar(item)
                ? [new(key, $"list of {TypeName(item)}", Format(value), meaning, name)]
                : [new(key, "list", Format(value), meaning, name), .. Of(item, $"{key}:N")];
        }

        if (GenericArgument(type, typeof(Dictionary<,>)) is { } entry)
        {
            var entryKey = $"{key}:<{property.GetCustomAttribute<MapKeyAttribute>()?.Placeholder ?? "name"}>";
            return IsScalar(entry)
                ? [new(entryKey, TypeName(entry), None, meaning, name)]
                : [new(entryKey, "section", None, meaning, name), .. Of(entry, entryKey)];
        }

        return [new(key, "section", None, meaning, name), .. Of(type, key)];
    }

    private static Type? GenericArgument(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition ? type.GetGenericArguments()[^1] : null;

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(TimeSpan) || t == typeof(Uri);
    }

    private static string TypeName(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t switch
        {
            _ when t.IsEnum => string.Join(" or ", Enum.GetNames(t).Select(n => $"`{n}`")),
            _ when t == typeof(TimeSpan) => "duration",
            _ when t == typeof(int) || t == typeof(long) => "integer",
            _ when t == typeof(bool) => "bool",
            _ => t.Name.ToLowerInvariant(),
        };
    }

    private static string Format(object? value) => value switch
    {
        null or "" => None,
        string s => $"`{s}`",
        bool b => b ? "`true`" : "`false`",
        TimeSpan t => $"`{Duration(t)}`",
        IDictionary { Count: 0 } => "`{}`",
        IList list => $"`[{string.Join(", ", list.Cast<object>().Select(o => $"\"{o}\""))}]`",
        IFormattable f => $"`{f.ToString(null, CultureInfo.InvariantCulture)}`",
        _ => $"`{value}`",
    };

    /// <summary>The binder's own format (<c>c</c>), without the fraction's trailing zeros: <c>00:00:02.5</c>.</summary>
    private static string Duration(TimeSpan t)
    {
        var text = t.ToString("c", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) && text.LastIndexOf('.') > text.LastIndexOf(':') ? text.TrimEnd('0') : text;
    }
}
