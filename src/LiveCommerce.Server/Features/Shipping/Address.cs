using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Shipping;

/// <summary>
/// One postal address in a buyer's book. Lives with the accounts (ADR 0007): it is personal data of
/// the account, exported with it and deleted with it (cascade on the user row).
/// </summary>
public sealed class Address
{
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    public string Name { get; set; } = "";

    public string Line1 { get; set; } = "";

    public string? Line2 { get; set; }

    public string City { get; set; } = "";

    public string? Region { get; set; }

    public string? PostalCode { get; set; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string Country { get; set; } = "";

    public string? Phone { get; set; }

    public bool IsDefault { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public AddressDto ToDto() => new(Id, Name, Line1, Line2, City, Region, PostalCode, Country, Phone, IsDefault);
}

/// <summary>
/// Where a brand ships and what it charges: the countries, a fee per zone, and whether it collects import
/// duties and taxes at checkout (DDP). Lists are stored as JSON text: they are read and written whole.
/// </summary>
public sealed class BrandShipping
{
    public string BrandId { get; set; } = "";

    public string Currency { get; set; } = "USD";

    /// <summary>ISO codes, comma-separated; empty: wherever a zone reaches.</summary>
    public string ShipsTo { get; set; } = "";

    /// <summary>The zones as JSON (<see cref="ShippingZoneDto"/>[]).</summary>
    public string ZonesJson { get; set; } = "[]";

    public bool CollectsImportTaxes { get; set; }

    /// <summary>Where parcels leave from (ISO code); null: the brand's own country.</summary>
    public string? OriginCountry { get; set; }

    /// <summary>Days after delivery a buyer may ask for a return; null: the default (<c>Fulfilment:ReturnWindowDays</c>).</summary>
    public int? ReturnWindowDays { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The EF mapping of the shipping tables, called from <see cref="AccountsDbContext"/>.</summary>
public static class ShippingModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Address>(address =>
        {
            address.ToTable("Addresses");
            address.HasKey(a => a.Id);
            address.Property(a => a.Id).HasMaxLength(32);
            address.Property(a => a.UserId).HasMaxLength(450).IsRequired();
            address.HasIndex(a => a.UserId);
            address.Property(a => a.Name).HasMaxLength(AddressRules.MaxName).IsRequired();
            address.Property(a => a.Line1).HasMaxLength(AddressRules.MaxLine).IsRequired();
            address.Property(a => a.Line2).HasMaxLength(AddressRules.MaxLine);
            address.Property(a => a.City).HasMaxLength(AddressRules.MaxCity).IsRequired();
            address.Property(a => a.Region).HasMaxLength(AddressRules.MaxRegion);
            address.Property(a => a.PostalCode).HasMaxLength(AddressRules.MaxPostalCode);
            address.Property(a => a.Country).HasMaxLength(2).IsRequired();
            address.Property(a => a.Phone).HasMaxLength(AddressRules.MaxPhone);
            address.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<BrandShipping>(shipping =>
        {
            shipping.ToTable("BrandShipping");
            shipping.HasKey(s => s.BrandId);
            shipping.Property(s => s.BrandId).HasMaxLength(64);
            shipping.Property(s => s.Currency).HasMaxLength(3).IsRequired();
            shipping.Property(s => s.OriginCountry).HasMaxLength(2);
            shipping.Property(s => s.ShipsTo).HasMaxLength(1000).IsRequired();
            shipping.Property(s => s.ZonesJson).HasMaxLength(20000).IsRequired();
            // No foreign key: a demo brand account acts under its own user id, with no Brands row.
        });
    }
}
