namespace Shop.Contracts;

/// <summary>
/// The stable, versioned name a message travels under (the <c>message-type</c> header) and the topic it is
/// published to. The CLR type may be renamed or moved; the name may not. A breaking change is a new record
/// with a new version suffix, consumed side by side with the old one until no producer sends it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class MessageContractAttribute(string name, string topic) : Attribute
{
    public string Name { get; } = name;

    public string Topic { get; } = topic;
}
