namespace LiveCommerce.Server.Features.Audit;

/// <summary>One row of the audit log, in the accounts database. Never updated or deleted by the product.</summary>
public sealed class AuditEntry
{
    public const int DetailMaxLength = 1000;

    /// <summary>Increasing: the log's order, and its paging cursor.</summary>
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string ActorId { get; set; } = "";

    /// <summary>The actor's name at the time (a later rename does not rewrite history).</summary>
    public string ActorName { get; set; } = "";

    /// <summary>One of <see cref="Contracts.AuditActions"/>.</summary>
    public string Action { get; set; } = "";

    /// <summary>What was acted on: an order, stream, account or "brand/host" id.</summary>
    public string Target { get; set; } = "";

    public string? Detail { get; set; }

    public Contracts.AuditEntryDto ToDto() => new(Id, At, ActorId, ActorName, Action, Target, Detail);
}
