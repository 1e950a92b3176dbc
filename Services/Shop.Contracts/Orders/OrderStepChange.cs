namespace Shop.Contracts.Orders;

/// <summary>One step of the order's saga and the status it has reached (<see cref="SagaSteps"/>, <see cref="StepStatuses"/>).</summary>
public record OrderStepChange(string Step, string Status);
