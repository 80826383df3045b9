using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Fulfilment;
using LiveCommerce.Server.Operations;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Infrastructure.Postgres;

/// <summary>What lives in PostgreSQL (accounts), and its readiness check (<c>postgres</c>); chosen by the host when a connection string is set.</summary>
public static class PostgresAdapters
{
    public static IServiceCollection AddPostgresAdapters(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<AccountsDbContext, PostgresAccountsDbContext>(o => o.UseNpgsql(connectionString));
        // The books (issue 27): the same database, their own context and migrations history.
        services.AddDbContext<OrderBooksDbContext, PostgresOrderBooksDbContext>(o => PostgresOrderBooksDbContext.Configure(o, connectionString));
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: [HealthRegistration.Ready]);
        return services;
    }
}
