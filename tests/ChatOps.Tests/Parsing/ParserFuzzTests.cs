using System.Text;
using ChatOps.Bot.Parsing;

namespace ChatOps.Tests.Parsing;

/// <summary>
/// 100,000 random and mutated command lines: the parser never throws and always answers either a request or a
/// one-line reason; every request's canonical form parses back to the same canonical form.
/// </summary>
public sealed class ParserFuzzTests
{
    private static readonly string[] Seeds =
    [
        "help", "help audit verify", "whoami", "audit --last 5 --user U1 --since 1h", "audit verify",
        "approve r-k3x9m2p7qa", "deny r-k3x9m2p7qa not now", "test-scale deployment/web 3 -n urbanos --cluster prod-eks --dry-run",
        "audit --since=1h30m", "deny r-1 \"quoted \\\" reason\"",
    ];

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 -=/'\"\\\t\u201C\u201D\u2018\u2019.,:_@#é漢\u0000";

    [Fact]
    public void Parse_NeverThrows_OnRandomAndMutatedInput()
    {
        var random = new Random(20261123);
        var words = Seeds.SelectMany(s => s.Split(' ')).Concat(["--last", "--user", "--since", "-n", "--", "--dry-run", "verify", "--incident", "INC-2026-7", "--incident=inc-2026-0012"]).ToArray();
        var accepted = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var line = (i % 3) switch
            {
                0 => Mutate(Seeds[random.Next(Seeds.Length)], random),
                1 => string.Join(' ', Enumerable.Range(0, random.Next(1, 8)).Select(_ => words[random.Next(words.Length)])),
                _ => RandomText(random),
            };

            ParseResult result;
            try
            {
                result = ParserFixture.Parse(line);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"parser threw on input #{i}: {Escape(line)}", ex);
            }

            if (result.IsSuccess)
            {
                accepted++;
                var again = ParserFixture.Parse(result.Operation!.Command.Canonical);
                again.IsSuccess.ShouldBeTrue($"canonical of {Escape(line)} did not re-parse: {again.Error}");
                again.Operation!.Command.Canonical.ShouldBe(result.Operation.Command.Canonical);
            }
            else
            {
                result.Error.ShouldNotBeNullOrWhiteSpace($"no reason for {Escape(line)}");
                result.Error!.ShouldNotContain('\n');
            }
        }

        accepted.ShouldBeGreaterThan(1000, "the fuzzer should also exercise successful parses");
    }

    private static string Mutate(string seed, Random random)
    {
        var chars = new StringBuilder(seed);
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = random.Next(chars.Length + 1);
            switch (random.Next(4))
            {
                case 0 when chars.Length > 0 && at < chars.Length:
                    chars.Remove(at, 1);
                    break;
                case 1:
                    chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                case 2 when chars.Length > 0 && at < chars.Length:
                    chars[at] = Alphabet[random.Next(Alphabet.Length)];
                    break;
                default:
                    chars.Insert(at, ' ');
                    break;
            }
        }

        return chars.ToString();
    }

    private static string RandomText(Random random) =>
        new(Enumerable.Range(0, random.Next(0, 60)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());

    private static string Escape(string s) => s.Replace("\u0000", "\\0", StringComparison.Ordinal);
}
