using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>Name, country, and how the person is named in "just bought" moments.</summary>
public sealed record UpdateMe(Actor Actor, UpdateMeRequest Request) : ICommand<MeDto>, IValidated
{
    public void Validate(Validator v)
    {
        v.Require(Request is not null, "A body is required.");
        if (Request is { } r)
        {
            v.Text("displayName", r.DisplayName, AppUser.DisplayNameMaxLength, required: false).Country(r.Country)
             .Require(r.PurchaseName is null || PurchaseNames.All.Contains(r.PurchaseName), $"purchaseName must be one of: {string.Join(", ", PurchaseNames.All)}.");
        }
    }
}

public sealed class UpdateMeHandler(IServiceScopeFactory scopes, Sessions sessions) : ICommandHandler<UpdateMe, MeDto>
{
    public async ValueTask<MeDto> Handle(UpdateMe command, CancellationToken ct)
    {
        var r = command.Request;
        await using var work = scopes.OpenAccounts();
        var user = await work.RequireUserAsync(command.Actor);
        user.DisplayName = string.IsNullOrWhiteSpace(r.DisplayName) ? user.DisplayName : r.DisplayName.Trim();
        user.Country = r.Country ?? user.Country;
        user.PurchaseName = r.PurchaseName ?? user.PurchaseName;
        var result = await work.Users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            throw AppException.Conflict(ErrorCodes.ValidationFailed, "The account changed meanwhile; try again.");
        }

        return await GetMeHandler.DescribeAsync(work, sessions, user, ct);
    }
}
