using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// Accounts in PostgreSQL (or SQLite with nothing installed), through ASP.NET Core Identity's EF
/// stores. Handlers use it directly; which provider carries it is chosen once by the host
/// (<c>Infrastructure/Postgres</c> or <c>Infrastructure/Local</c>), each with its own migrations, so
/// this model stays provider-neutral.
/// </summary>
public class AccountsDbContext : IdentityDbContext<AppUser>
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

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength).IsRequired();
            user.Property(u => u.Country).HasMaxLength(2);
            // Identity checks for a duplicate email before it inserts, which two sign-ups racing
            // both pass: the unique index (Identity's own EmailIndex, made unique) is what holds.
            user.HasIndex(u => u.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();
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
    }
}
