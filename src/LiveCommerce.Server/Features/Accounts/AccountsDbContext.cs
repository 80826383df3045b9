using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// Accounts in PostgreSQL (or SQLite with nothing installed), through ASP.NET Core Identity's EF
/// stores. Handlers use it directly; which provider carries it is chosen once by the host
/// (<c>Infrastructure/Postgres</c> or <c>Infrastructure/Local</c>), each with its own migrations, so
/// this model stays provider-neutral.
/// </summary>
public class AccountsDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext, IMigratesAtStart
{
    public AccountsDbContext(DbContextOptions<AccountsDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the provider-specific subclasses, which carry their own migrations.</summary>
    protected AccountsDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    /// <summary>Applies pending migrations; a provider may make nodes that start together take turns.</summary>
    public virtual Task MigrateAsync(CancellationToken ct) => Database.MigrateAsync(ct);

    public DbSet<HostProfile> HostProfiles => Set<HostProfile>();

    public DbSet<Brand> Brands => Set<Brand>();

    public DbSet<BrandMember> BrandMembers => Set<BrandMember>();

    public DbSet<BrandInvitation> BrandInvitations => Set<BrandInvitation>();

    /// <summary>Buyers' address books (issue 27, ADR 0007).</summary>
    public DbSet<Shipping.Address> Addresses => Set<Shipping.Address>();

    /// <summary>Each brand's countries, zone fees and import-tax choice (issue 27).</summary>
    public DbSet<Shipping.BrandShipping> BrandShipping => Set<Shipping.BrandShipping>();

    /// <summary>
    /// The data-protection key ring that Identity's confirmation and reset links are signed with:
    /// shared here so a link mailed by one node opens on any other, and survives restarts.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Money and moderation actions, append-only (<see cref="Audit.IAuditLog"/>).</summary>
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength).IsRequired();
            user.Property(u => u.Country).HasMaxLength(2);
            user.Property(u => u.PurchaseName).HasMaxLength(32).IsRequired();
            // Identity checks for a duplicate email before it inserts, which two sign-ups racing
            // both pass: the unique index (Identity's own EmailIndex, made unique) is what holds.
            user.HasIndex(u => u.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();
            user.Property(u => u.SuspendedReason).HasMaxLength(AppUser.SuspendedReasonMaxLength);
            // Every node reads the suspended ids every few seconds (SuspendedAccounts).
            user.HasIndex(u => u.SuspendedAt);
        });

        builder.Entity<RefreshToken>(token =>
        {
            token.ToTable("RefreshTokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.TokenHash).HasMaxLength(RefreshToken.TokenHashLength).IsFixedLength().IsRequired();
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.UserId);
            token.HasIndex(t => t.FamilyId);
            token.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).IsRequired().OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<HostProfile>(host =>
        {
            host.ToTable("HostProfiles");
            host.HasKey(h => h.UserId);
            host.Property(h => h.Handle).HasMaxLength(HostProfile.HandleMaxLength).IsRequired();
            host.HasIndex(h => h.Handle).IsUnique();
            host.Property(h => h.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength).IsRequired();
            host.Property(h => h.AvatarUrl).HasMaxLength(2048);
            host.Property(h => h.Bio).HasMaxLength(HostProfile.BioMaxLength);
            host.Property(h => h.Country).HasMaxLength(2);
            host.Property(h => h.Languages).HasMaxLength(200).IsRequired();
            host.HasOne<AppUser>().WithOne().HasForeignKey<HostProfile>(h => h.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Brand>(brand =>
        {
            brand.ToTable("Brands");
            brand.HasKey(b => b.Id);
            brand.Property(b => b.Id).HasMaxLength(64);
            brand.Property(b => b.Name).HasMaxLength(Brand.NameMaxLength).IsRequired();
            brand.Property(b => b.Country).HasMaxLength(2);
        });

        builder.Entity<BrandMember>(member =>
        {
            member.ToTable("BrandMembers");
            member.HasKey(m => new { m.BrandId, m.UserId });
            member.HasIndex(m => m.UserId);
            member.Property(m => m.Role).HasMaxLength(16).IsRequired();
            member.HasOne<Brand>().WithMany().HasForeignKey(m => m.BrandId).OnDelete(DeleteBehavior.Cascade);
            member.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Audit.AuditEntry>(entry =>
        {
            entry.ToTable("AuditEntries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).ValueGeneratedOnAdd();
            entry.Property(e => e.ActorId).HasMaxLength(450).IsRequired();
            entry.Property(e => e.ActorName).HasMaxLength(AppUser.DisplayNameMaxLength).IsRequired();
            entry.Property(e => e.Action).HasMaxLength(64).IsRequired();
            entry.Property(e => e.Target).HasMaxLength(256).IsRequired();
            entry.Property(e => e.Detail).HasMaxLength(Audit.AuditEntry.DetailMaxLength);
            // No foreign keys: the record outlives the accounts, streams and orders it names.
            entry.HasIndex(e => new { e.Action, e.Id });
            entry.HasIndex(e => new { e.ActorId, e.Id });
            entry.HasIndex(e => new { e.Target, e.Id });
        });

        builder.Entity<BrandInvitation>(invitation =>
        {
            invitation.ToTable("BrandInvitations");
            invitation.HasKey(i => i.Id);
            invitation.Property(i => i.BrandId).HasMaxLength(64).IsRequired();
            invitation.Property(i => i.Email).HasMaxLength(256).IsRequired();
            invitation.Property(i => i.NormalizedEmail).HasMaxLength(256).IsRequired();
            invitation.Property(i => i.Role).HasMaxLength(16).IsRequired();
            invitation.Property(i => i.InvitedBy).HasMaxLength(450).IsRequired();
            invitation.Property(i => i.TokenHash).HasMaxLength(RefreshToken.TokenHashLength).IsFixedLength().IsRequired();
            invitation.HasIndex(i => i.TokenHash).IsUnique();
            invitation.HasIndex(i => i.BrandId);
            invitation.HasOne<Brand>().WithMany().HasForeignKey(i => i.BrandId).OnDelete(DeleteBehavior.Cascade);
        });

        Shipping.ShippingModel.Configure(builder);
    }
}
