using Shop.Messaging.Hosting;

namespace Shop.Messaging.Kafka;

/// <summary>Set once the service has made sure every topic it needs exists.</summary>
public sealed class KafkaTopicsReadiness : DependencyReadiness;
