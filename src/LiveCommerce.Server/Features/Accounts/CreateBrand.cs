using System.Security.Cryptography;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>A new brand, owned by the caller, who acts for it from their next refresh.</summary>
public sealed record CreateBrand(Actor Actor, CreateBrandRequest Request) : ICommand<BrandDto>, IValidated
{
    public void Validate(Validator v) => v.Text("name", Request?.Name, Brand.NameMaxLength).Country(Request?.Country);
}

public sealed class CreateBrandHandler(IServiceScopeFactory scopes, TimeProvider clock) : ICommandHandler<CreateBrand, BrandDto>
{
    public async ValueTask<BrandDto> Handle(CreateBrand command, CancellationToken ct)
    {
        await using var work = scopes.OpenAccounts();
        var user = await work.RequireUserAsync(command.Actor);
        var now = clock.GetUtcNow();
        var brand = new Brand { Id = "b-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), Name = command.Request.Name.Trim(), Country = command.Request.Country, CreatedAt = now };
        work.Db.Brands.Add(brand);
        work.Db.BrandMembers.Add(new BrandMember { BrandId = brand.Id, UserId = user.Id, Role = BrandRoles.Owner, JoinedAt = now });
        await work.Db.SaveChangesAsync(ct);
        return new BrandDto(brand.Id, brand.Name, brand.Country);
    }
}
