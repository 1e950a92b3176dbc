using System.Reflection;

namespace Shop.Contracts;

/// <summary>Every message type of the shop, found once by its <see cref="MessageContractAttribute"/>.</summary>
public static class MessageContracts
{
    public static IReadOnlyList<Type> All { get; } = typeof(MessageContracts).Assembly.GetTypes()
        .Where(type => type.GetCustomAttribute<MessageContractAttribute>() is not null)
        .OrderBy(type => type.FullName, StringComparer.Ordinal)
        .ToArray();
}
