using System.Globalization;
using Shop.Messaging.DeadLetters;

namespace Shop.DeadLetters;

/// <summary>The parsed command line of <c>shop-dlq</c>.</summary>
public sealed record DeadLetterArguments(
    string Command,
    IReadOnlyList<string> Topics,
    DeadLetterCoordinate? Record,
    string? Bootstrap,
    string StateFile,
    string? ValueFile,
    TimeSpan Timeout)
{
    public const string Usage = """
        usage: shop-dlq list [TOPIC ...]                         dead letters of TOPIC (or TOPIC.dlq); default: every DLQ
               shop-dlq show TOPIC.dlq/PARTITION/OFFSET          one dead letter: its headers and body
               shop-dlq replay TOPIC.dlq/PARTITION/OFFSET [--value-file FILE]
                                                                 send it back to its source topic (same message-id),
                                                                 with FILE's content as the body when given
        options: --bootstrap HOST:PORT[,...]   Kafka bootstrap servers (default: the kafka entry of --state-file)
                 --state-file PATH             state file of a running ./shop run (default .shop/state.json)
                 --timeout SECONDS             how long to wait for the broker (default 10)
        """;

    public static DeadLetterArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            throw new UsageException(null);
        }

        var command = args[0];
        if (command is not ("list" or "show" or "replay"))
        {
            throw new UsageException($"unknown command '{command}'");
        }

        var positional = new List<string>();
        string? bootstrap = null, valueFile = null;
        var stateFile = Path.Combine(".shop", "state.json");
        var timeout = TimeSpan.FromSeconds(10);
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--bootstrap":
                    bootstrap = Value(args, ref i);
                    break;
                case "--state-file":
                    stateFile = Value(args, ref i);
                    break;
                case "--value-file":
                    valueFile = Value(args, ref i);
                    break;
                case "--timeout":
                    var text = Value(args, ref i);
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                    {
                        throw new UsageException($"--timeout takes a positive number of seconds, not '{text}'");
                    }

                    timeout = TimeSpan.FromSeconds(seconds);
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    throw new UsageException($"unknown option '{option}'");
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        DeadLetterCoordinate? record = null;
        if (command is "show" or "replay")
        {
            if (positional.Count != 1 || !DeadLetterCoordinate.TryParse(positional[0], out record))
            {
                throw new UsageException($"{command} takes one record as TOPIC.dlq/PARTITION/OFFSET (as list prints it)");
            }

            positional.Clear();
        }

        if (valueFile is not null && command != "replay")
        {
            throw new UsageException("--value-file belongs to replay");
        }

        return new DeadLetterArguments(command, positional, record, bootstrap, stateFile, valueFile, timeout);
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        i + 1 < args.Count ? args[++i] : throw new UsageException($"{args[i]} needs a value");
}
