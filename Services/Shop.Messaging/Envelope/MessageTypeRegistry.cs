using System.Reflection;
using Shop.Contracts;

namespace Shop.Messaging.Envelope;

/// <summary>
/// Maps message types to their stable contract names and topics (<see cref="MessageContractAttribute"/>) and back.
/// The consumer resolves a record's <c>message-type</c> header here; a name it does not know is a poison record.
/// </summary>
public sealed class MessageTypeRegistry
{
    private readonly Dictionary<Type, MessageContractAttribute> _byType = [];
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);

    public MessageTypeRegistry(IEnumerable<Type> messageTypes)
    {
        foreach (var type in messageTypes)
        {
            var contract = type.GetCustomAttribute<MessageContractAttribute>()
                ?? throw new ArgumentException($"{type} has no [MessageContract] attribute.", nameof(messageTypes));
            if (!_byName.TryAdd(contract.Name, type))
            {
                throw new ArgumentException(
                    $"Message name '{contract.Name}' is used by both {_byName[contract.Name]} and {type}.", nameof(messageTypes));
            }

            _byType[type] = contract;
        }
    }

    public IEnumerable<Type> Types => _byType.Keys;

    public MessageContractAttribute ContractOf(Type type) =>
        _byType.TryGetValue(type, out var contract)
            ? contract
            : throw new InvalidOperationException($"{type} is not a registered message contract.");

    public bool TryGetType(string name, out Type type) => _byName.TryGetValue(name, out type!);
}
