using System.Security.Claims;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.FlashSales;

public static class PaymentEndpoints
{
    /// <summary>A webhook body is small (an event); anything bigger is not one.</summary>
    public const int MaxWebhookBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        // The signature is the authorization: providers sign with the shared secret.
        app.MapPost("/api/payments/webhooks/{provider}", async (string provider, HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                if (request.ContentLength > MaxWebhookBytes)
                {
                    throw new AppException(ErrorCodes.ValidationFailed, "A webhook is at most 64 KB.");
                }

                using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
                var buffer = new char[MaxWebhookBytes + 1];
                var read = await reader.ReadBlockAsync(buffer, ct);
                if (read > MaxWebhookBytes)
                {
                    throw new AppException(ErrorCodes.ValidationFailed, "A webhook is at most 64 KB.");
                }

                var payments = request.HttpContext.RequestServices.GetRequiredService<IPaymentProvider>();
                var signature = request.Headers[payments.SignatureHeader].ToString();
                return TypedResults.Ok(await sender.Send(new HandlePaymentWebhook(provider, new string(buffer, 0, read), signature.Length == 0 ? null : signature), ct));
            })
            .WithTags("Payments").AllowAnonymous();

        app.MapPost("/api/payments/test-challenge/{intentId}", async (string intentId, TestChallengeAnswer answer, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new AnswerTestChallenge(Actor.From(user), intentId, answer.Approve), ct)))
            .WithTags("Payments").RequireRateLimiting(RateLimits.Api).RequireAuthorization();
        return app;
    }
}
