using LiveCommerce.Server.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>
/// The books (orders and their life) on the accounts database (PostgreSQL, or the SQLite file with
/// nothing installed), as a context of its own with its own migrations history table
/// (<see cref="HistoryTable"/>), so its migrations never mix with the accounts' ones. The provider
/// subclasses in <c>Infrastructure/Postgres</c> and <c>Infrastructure/Local</c> carry the migrations.
/// </summary>
public class OrderBooksDbContext : DbContext, IMigratesAtStart
{
    public const string HistoryTable = "__orders_migrations";

    public OrderBooksDbContext(DbContextOptions<OrderBooksDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the provider-specific subclasses, which carry their own migrations.</summary>
    protected OrderBooksDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<BookedOrder> Orders => Set<BookedOrder>();

    public DbSet<OrderHistoryEntry> OrderHistory => Set<OrderHistoryEntry>();

    public DbSet<Shipment> Shipments => Set<Shipment>();

    public DbSet<OrderReturn> Returns => Set<OrderReturn>();

    public DbSet<ProjectorCheckpoint> Checkpoints => Set<ProjectorCheckpoint>();

    /// <summary>
    /// Projectors on several nodes race to insert the same order and lose on its key by design: EF's own
    /// Error lines for a failed command are lowered to Debug. Every failure still surfaces as an exception,
    /// which the projector (a warning) or the request pipeline (a 500) logs.
    /// </summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ConfigureWarnings(w => w.Log(
            (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, LogLevel.Debug),
            (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, LogLevel.Debug)));

    /// <summary>Applies pending migrations; a provider may make nodes that start together take turns.</summary>
    public virtual Task MigrateAsync(CancellationToken ct) => Database.MigrateAsync(ct);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.Entity<BookedOrder>(order =>
        {
            order.ToTable("BookedOrders");
            order.HasKey(o => o.Id);
            order.Property(o => o.Id).HasMaxLength(128);
            order.Property(o => o.BuyerId).HasMaxLength(450);
            order.Property(o => o.BrandId).HasMaxLength(450);
            order.Property(o => o.SaleId).HasMaxLength(128);
            order.Property(o => o.StreamId).HasMaxLength(128);
            order.Property(o => o.HostId).HasMaxLength(450);
            order.Property(o => o.Status).HasMaxLength(24);
            order.Property(o => o.Total).HasPrecision(18, 4);
            order.Property(o => o.Currency).HasMaxLength(3);
            order.Property(o => o.DisplayCurrency).HasMaxLength(3);
            order.Property(o => o.ShipTo).HasMaxLength(4000);
            order.Property(o => o.ShipmentId).HasMaxLength(64);
            order.Property(o => o.Version).IsConcurrencyToken();
            order.HasIndex(o => new { o.BuyerId, o.CreatedAt });
            order.HasIndex(o => new { o.BrandId, o.Status });
            order.HasIndex(o => o.ShipmentId);
        });

        builder.Entity<OrderHistoryEntry>(entry =>
        {
            entry.ToTable("OrderHistory");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).ValueGeneratedOnAdd();
            entry.Property(e => e.OrderId).HasMaxLength(128);
            entry.Property(e => e.ActorId).HasMaxLength(450);
            entry.Property(e => e.ActorName).HasMaxLength(100);
            entry.Property(e => e.From).HasMaxLength(24);
            entry.Property(e => e.To).HasMaxLength(24);
            entry.Property(e => e.Note).HasMaxLength(600);
            entry.HasIndex(e => new { e.OrderId, e.Id });
            entry.HasOne<BookedOrder>().WithMany().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Shipment>(shipment =>
        {
            shipment.ToTable("Shipments");
            shipment.HasKey(s => s.Id);
            shipment.Property(s => s.Id).HasMaxLength(64);
            shipment.Property(s => s.BrandId).HasMaxLength(450);
            shipment.Property(s => s.BuyerId).HasMaxLength(450);
            shipment.Property(s => s.StreamId).HasMaxLength(128);
            shipment.Property(s => s.ShipTo).HasMaxLength(4000);
            shipment.Property(s => s.OpenKey).HasMaxLength(128);
            shipment.Property(s => s.Stage).HasMaxLength(16);
            shipment.Property(s => s.Carrier).HasMaxLength(60);
            shipment.Property(s => s.TrackingNumber).HasMaxLength(60);
            shipment.Property(s => s.Version).IsConcurrencyToken();
            // NULLs never collide: only open shipments hold a key.
            shipment.HasIndex(s => s.OpenKey).IsUnique();
            shipment.HasIndex(s => new { s.BrandId, s.Stage, s.CreatedAt });
        });

        builder.Entity<OrderReturn>(ret =>
        {
            ret.ToTable("Returns");
            ret.HasKey(r => r.Id);
            ret.Property(r => r.Id).HasMaxLength(64);
            ret.Property(r => r.OrderId).HasMaxLength(128);
            ret.Property(r => r.BuyerId).HasMaxLength(450);
            ret.Property(r => r.BrandId).HasMaxLength(450);
            ret.Property(r => r.Reason).HasMaxLength(600);
            ret.Property(r => r.Status).HasMaxLength(16);
            ret.Property(r => r.DecidedBy).HasMaxLength(450);
            ret.Property(r => r.Version).IsConcurrencyToken();
            ret.HasIndex(r => r.OrderId).IsUnique();
            ret.HasIndex(r => new { r.BrandId, r.Status, r.RequestedAt });
            ret.HasOne<BookedOrder>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ProjectorCheckpoint>(checkpoint =>
        {
            checkpoint.ToTable("OrderProjectorCheckpoints");
            checkpoint.HasKey(c => c.Name);
            checkpoint.Property(c => c.Name).HasMaxLength(200);
            checkpoint.Property(c => c.Position).HasMaxLength(64);
        });
    }
}
