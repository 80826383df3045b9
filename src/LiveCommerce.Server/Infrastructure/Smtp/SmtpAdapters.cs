using LiveCommerce.Server.Features.Accounts;

namespace LiveCommerce.Server.Infrastructure.Smtp;

/// <summary>Mail through an SMTP server. Chosen by the host when <c>Mail:Smtp:Host</c> is set.</summary>
public static class SmtpAdapters
{
    public static IServiceCollection AddSmtpAdapters(this IServiceCollection services, MailOptions mail)
    {
        services.AddSingleton<IMailSender>(sp => new SmtpMailSender(
            mail, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SmtpMailSender>>()));
        return services;
    }
}
