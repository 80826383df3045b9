using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Fx;

/// <summary>A viewer's display price: the brand's price converted to the viewer's currency.</summary>
public sealed record ConvertPrice(decimal Amount, string From, string To) : IQuery<ConvertedPrice>, IValidated
{
    public void Validate(Validator v) =>
        v.Require(Currencies.IsKnown(From), "from must be a supported ISO 4217 code (upper case).")
         .Require(Currencies.IsKnown(To), "to must be a supported ISO 4217 code (upper case).")
         .Require(Amount >= 0 && Amount <= 1_000_000_000m, "amount must be between 0 and 1000000000.");
}

public sealed class ConvertPriceHandler(IFxRates rates) : IQueryHandler<ConvertPrice, ConvertedPrice>
{
    public ValueTask<ConvertedPrice> Handle(ConvertPrice query, CancellationToken ct) =>
        rates.ConvertAsync(new Money(query.Amount, query.From), query.To, ct);
}
