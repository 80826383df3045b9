namespace LiveCommerce.Server.Operations;

/// <summary>
/// Cross-origin calls only from the origins listed in <c>Cors:AllowedOrigins</c>; none by default,
/// since the client is served from the same origin as the API.
/// </summary>
public static class CorsRegistration
{
    public const string Policy = "configured-origins";

    public static WebApplicationBuilder AddLiveCommerceCors(this WebApplicationBuilder builder)
    {
        var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(o => o.AddPolicy(Policy, p =>
        {
            if (origins.Length > 0)
            {
                p.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod().AllowCredentials();
            }
        }));
        return builder;
    }
}
