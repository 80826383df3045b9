using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Attribution;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Comments;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Features.Media;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Features.Pins;
using LiveCommerce.Server.Features.Streams;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>In-process defaults, for <c>dotnet run</c> with nothing installed (single node only).</summary>
public static class LocalAdapters
{
    /// <summary>Every store in this process's memory, with the same semantics as the Redis adapters.</summary>
    public static IServiceCollection AddLocalAdapters(this IServiceCollection services)
    {
        services.AddSingleton<IStreamStore, LocalStreamStore>();
        services.AddSingleton<IIngestStore, LocalIngestStore>();
        services.AddSingleton<IStreamEventLog, LocalStreamEventLog>();
        services.AddSingleton<IViewerPresence, LocalViewerPresence>();
        services.AddSingleton<ICatalogStore, LocalCatalogStore>();
        services.AddSingleton<IPinStore, LocalPinStore>();
        services.AddSingleton<ICommentStore, LocalCommentStore>();
        services.AddSingleton<IModerationStore, LocalModerationStore>();
        services.AddSingleton<IReactionTally, LocalReactionTally>();
        services.AddSingleton<IFlashSaleInventory, LocalFlashSaleInventory>();
        services.AddSingleton<ISaleSchedule, LocalSaleSchedule>();
        services.AddSingleton<IOrderLog, LocalOrderLog>();
        services.AddSingleton<IShareLinkStore, LocalShareLinkStore>();
        services.AddSingleton<IEarningsStore, LocalEarningsStore>();
        services.AddSingleton<IAudienceStore, LocalAudienceStore>();
        services.AddSingleton<IPaymentEventInbox, LocalPaymentEventInbox>();
        return services;
    }

    /// <summary>Media and the order archive in a local folder instead of Blob storage.</summary>
    public static IServiceCollection AddLocalFolderAdapters(this IServiceCollection services, string mediaRoot)
    {
        services.AddSingleton<IMediaStore>(sp => new LocalMediaStore(mediaRoot, sp.GetRequiredService<IOptions<MediaOptions>>().Value.MaxImageBytes));
        services.AddSingleton<IOrderArchive, LocalFolderOrderArchive>();
        return services;
    }

    /// <summary>
    /// Mail written as .eml files into <paramref name="folder"/>, each one's link logged; nothing is sent.
    /// <paramref name="from"/> empty: <see cref="MailMime.LocalFrom"/>.
    /// </summary>
    public static IServiceCollection AddLocalMailFolder(this IServiceCollection services, string folder, string from)
    {
        services.AddSingleton<IMailSender>(sp => new FolderMailSender(
            folder,
            MailMime.TryParseMailbox(string.IsNullOrWhiteSpace(from) ? MailMime.LocalFrom : from)
                ?? throw new InvalidOperationException($"Mail:From \"{from}\" is not a mail address."),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<FolderMailSender>>()));
        return services;
    }
}
