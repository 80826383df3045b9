namespace LiveCommerce.Server.Operations;

/// <summary>
/// Browsers cannot put headers on a WebSocket, so their token travels in the hub URL
/// (<c>/hubs/live?access_token=…</c>) and in the studio camera's (<c>/api/streams/{id}/ingest/browser?access_token=…</c>). ASP.NET Core's "Request starting/finished" lines log the full
/// URL at Information, so that category is capped at Warning here, in code, where configuration
/// cannot turn it back on by accident. (SecretsInLogsTests proves no token or key is logged at any level.)
/// For request logs, use HttpLogging, which logs no query string unless told to.
/// </summary>
public static class SecretSafeLogging
{
    public static WebApplicationBuilder AddSecretSafeLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        return builder;
    }
}
