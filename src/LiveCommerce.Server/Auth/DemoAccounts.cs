using Bogus;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Accounts;

namespace LiveCommerce.Server.Auth;

/// <summary>
/// The demo cast: fixed handles that docs and tests name, plus a Bogus-made crowd of brands and
/// hosts. The fixed seed makes every node produce the same accounts without sharing storage.
/// </summary>
public sealed class DemoAccounts : IAccountDirectory
{
    private readonly Dictionary<string, Account> _byHandle;
    private readonly Dictionary<string, Account> _byId;

    public DemoAccounts()
    {
        List<Account> accounts =
        [
            new("u-admin", "admin", "Ada Admin", Roles.Admin, "GB"),
            new("u-host-mia", "mia", "Mia Chen", Roles.Host, "US"),
            new("u-host-leo", "leo", "Leo García", Roles.Host, "ES"),
            new("u-brand-glow", "glow", "Glow Cosmetics", Roles.Brand, "US"),
            new("u-brand-kite", "kite", "Kite Outdoor", Roles.Brand, "DE"),
            new("u-viewer-sam", "sam", "Sam Lee", Roles.Viewer, "SG"),
            new("u-viewer-ana", "ana", "Ana Souza", Roles.Viewer, "BR"),
        ];

        var faker = new Faker { Random = new Randomizer(20261124) };
        for (var i = 0; i < 6; i++)
        {
            var isHost = i % 2 == 0;
            var name = isHost ? faker.Name.FullName() : faker.Company.CompanyName();
            var handle = $"{(isHost ? "host" : "brand")}{i}";
            accounts.Add(new($"u-{handle}", handle, name, isHost ? Roles.Host : Roles.Brand, faker.Address.CountryCode()));
        }

        All = accounts;
        _byHandle = accounts.ToDictionary(a => a.Handle, StringComparer.OrdinalIgnoreCase);
        _byId = accounts.ToDictionary(a => a.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<Account> All { get; }

    public Account? FindByHandle(string handle) => _byHandle.GetValueOrDefault(handle);

    public ValueTask<Account?> FindAsync(string userId, CancellationToken ct = default) => ValueTask.FromResult(_byId.GetValueOrDefault(userId));
}
