using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>A viewer queues for a sold-out sale; released units come to them as a hold, in order, attributed as a reserve in <paramref name="StreamId"/> would be.</summary>
public sealed record JoinWaitlist(Actor Actor, string SaleId, string? StreamId) : ICommand<WaitlistResult>, IValidated
{
    public void Validate(Validator v) => v.Id("saleId", SaleId);
}

public sealed class JoinWaitlistHandler(IFlashSaleInventory inventory, SaleStreams saleStreams) : ICommandHandler<JoinWaitlist, WaitlistResult>
{
    public async ValueTask<WaitlistResult> Handle(JoinWaitlist command, CancellationToken ct)
    {
        command.Actor.RequireAccount("join the waitlist");
        if (command.StreamId is { } streamId)
        {
            await saleStreams.RequireOfferedInAsync(command.SaleId, streamId, ct);
        }

        return new(command.SaleId, await inventory.JoinWaitlistAsync(command.SaleId, command.Actor.UserId, command.StreamId, ct));
    }
}
