using System.Text;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// The generated parts of object names, in the consonant-and-digit alphabet Kubernetes uses so that no name spells
/// a word: a ReplicaSet's template hash and a pod's random suffix.
/// </summary>
internal static class KubeNames
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>FNV-1a over the normalized template: the same template always gives the same ReplicaSet name.</summary>
    public static string TemplateHash(JsonNode template)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(Json.Write(Json.Normalize(template))))
        {
            hash = (hash ^ b) * 16777619u;
        }

        var sb = new StringBuilder();
        for (var i = 0; i < 10; i++)
        {
            sb.Append(Alphabet[(int)(hash % (uint)Alphabet.Length)]);
            hash /= (uint)Alphabet.Length;
            if (hash == 0)
            {
                break;
            }
        }

        return sb.ToString();
    }

    /// <summary>A random suffix, as <c>generateName</c> gives.</summary>
    public static string RandomSuffix(int length) => string.Create(length, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
        }
    });
}
