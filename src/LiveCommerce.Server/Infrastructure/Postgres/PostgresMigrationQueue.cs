using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveCommerce.Server.Infrastructure.Postgres;

/// <summary>
/// Migrating a context with nodes starting together. EF's own migration lock does not hold on an empty
/// database (npgsql/efcore.pg#3407: nodes starting together each find every migration pending and apply it
/// twice), so the nodes queue on a session advisory lock, held on an unpooled connection of its own: closing
/// it ends the session and so releases the lock (a pooled one would keep both alive).
/// </summary>
public static class PostgresMigrationQueue
{
    /// <param name="migrationLock">Any fixed number per context: contexts with their own history table migrate independently.</param>
    public static async Task MigrateAsync(DbContext db, long migrationLock, string historyTable, CancellationToken ct)
    {
        var unpooled = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString;
        await using var gate = new NpgsqlConnection(unpooled);
        await gate.OpenAsync(ct);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({migrationLock})", gate))
        {
            await take.ExecuteNonQueryAsync(ct);
        }

        // EF's history table, as EF makes it: on an empty database EF otherwise reads it before
        // creating it and logs that failure as an error (the same issue).
        await using (var history = new NpgsqlCommand(
            $"CREATE TABLE IF NOT EXISTS \"{historyTable}\" (\"MigrationId\" character varying(150) NOT NULL, \"ProductVersion\" character varying(32) NOT NULL, CONSTRAINT \"PK_{historyTable}\" PRIMARY KEY (\"MigrationId\"))", gate))
        {
            await history.ExecuteNonQueryAsync(ct);
        }

        await db.Database.MigrateAsync(ct);
    }
}
