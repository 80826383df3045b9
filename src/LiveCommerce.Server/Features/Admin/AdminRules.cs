using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.Admin;

public static class AdminRules
{
    /// <summary>Only a platform admin (an email in <c>Accounts:Admins</c>) runs the operator console.</summary>
    public static void RequireAdmin(Actor actor)
    {
        if (!actor.IsAdmin)
        {
            throw AppException.Forbidden(ErrorCodes.AdminOnly, "Only a platform admin does this.");
        }
    }

    /// <summary>Routes for admins only: a non-admin is refused before the request is even validated.</summary>
    public static TBuilder AdminOnly<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization().AddEndpointFilter((context, next) =>
        {
            RequireAdmin(Actor.From(context.HttpContext.User));
            return next(context);
        });

    /// <summary>The reason a suspension or takedown gives: required, shown to the people it affects.</summary>
    public static Validator Reason(this Validator v, AdminReasonRequest? request) =>
        v.Text("reason", request?.Reason, AdminReasonRequest.MaxLength);
}
