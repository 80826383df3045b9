using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Fx;

public static class FxRegistration
{
    public static WebApplicationBuilder AddFx(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FxOptions>().BindConfiguration(FxOptions.Section)
            .Validate(o => o.PerUsd.All(r => Currencies.IsKnown(r.Key) && r.Value > 0), "Fx:PerUsd must map known ISO 4217 codes to positive rates.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IFxRates, ConfiguredFxRates>();
        return builder;
    }

    public static IEndpointRouteBuilder MapFxEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/fx").WithTags("FX").RequireRateLimiting(RateLimits.Api).AllowAnonymous();
        group.MapGet("/convert", async (decimal amount, string from, string to, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ConvertPrice(amount, from, to), ct)));
        group.MapGet("/currencies", () => TypedResults.Ok(Currencies.All.Order(StringComparer.Ordinal)
            .Select(c => new { code = c, minorUnits = Currencies.MinorUnitsOf(c) })));
        return app;
    }
}

/// <summary>The seeded rate table; override any rate with <c>Fx:PerUsd:EUR</c> etc.</summary>
public sealed class FxOptions
{
    public const string Section = "Fx";

    /// <summary>Units of each currency per 1 USD. Configuration entries add to or replace the seeds.</summary>
    public Dictionary<string, decimal> PerUsd { get; set; } = new(StringComparer.Ordinal);
}
