using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Shop.Messaging.DeadLetters;

/// <summary>Where a dead letter is: <c>payments.commands.dlq/0/12</c>. The form <c>list</c> prints and
/// <c>show</c>/<c>replay</c> take, so a record can be copied from one command to the next.</summary>
public sealed record DeadLetterCoordinate(string Topic, int Partition, long Offset)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Topic}/{Partition}/{Offset}");

    public static bool TryParse(string? text, [NotNullWhen(true)] out DeadLetterCoordinate? coordinate)
    {
        coordinate = null;
        var parts = text?.Split('/') ?? [];
        if (parts.Length != 3 || parts[0].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return false;
        }

        coordinate = new DeadLetterCoordinate(parts[0], partition, offset);
        return true;
    }
}
