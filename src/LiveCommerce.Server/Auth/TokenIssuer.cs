using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveCommerce.Server.Auth;

/// <summary>Signs and describes the bearer tokens; the same key validates them.</summary>
public sealed class TokenIssuer
{
    private readonly AuthOptions _options;
    private readonly TimeProvider _clock;

    public TokenIssuer(IOptions<AuthOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        SigningKey = new SymmetricSecurityKey(
            string.IsNullOrEmpty(_options.SigningKey) ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(_options.SigningKey));
    }

    public SymmetricSecurityKey SigningKey { get; }

    public TokenValidationParameters ValidationParameters => new()
    {
        ValidIssuer = _options.Issuer,
        ValidAudience = _options.Audience,
        IssuerSigningKey = SigningKey,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = AuthClaims.Name,
        RoleClaimType = AuthClaims.Role,
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    public TokenResponse Issue(string userId, string displayName, string role)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Subject = new ClaimsIdentity([new(AuthClaims.Subject, userId), new(AuthClaims.Name, displayName), new(AuthClaims.Role, role)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _options.TokenLifetime,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return new TokenResponse(token, userId, displayName, role);
    }
}
