namespace Shop.Contracts;

/// <summary>The steps of the order saga as they appear in an order's <c>timeline</c>.</summary>
public static class SagaSteps
{
    public const string Reserve = "reserve";
    public const string Charge = "charge";
    public const string Commit = "commit";
    public const string Complete = "complete";
    public const string Release = "release";
    public const string Refund = "refund";
    public const string Cancel = "cancel";
}
