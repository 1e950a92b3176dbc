namespace Shop.Contracts;

/// <summary>Every message of the order saga is about one order; its id is the Kafka key, so one order's
/// messages stay on one partition and in order.</summary>
public interface IOrderMessage
{
    Guid OrderId { get; }
}
