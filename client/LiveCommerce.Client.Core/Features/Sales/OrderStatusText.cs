using LiveCommerce.Contracts;
using Microsoft.Extensions.Localization;

namespace LiveCommerce.Client.Features.Sales;

/// <summary>How an order's status reads (OrderStatuses); an order the books have not reached yet reads "Confirmed".</summary>
public static class OrderStatusText
{
    public static string Of(IStringLocalizer<Strings> l, string? status) => status switch
    {
        OrderStatuses.Placed => l["Placed"],
        OrderStatuses.Paid => l["Paid"],
        OrderStatuses.Packed => l["Packed"],
        OrderStatuses.Shipped => l["Shipped"],
        OrderStatuses.Delivered => l["Delivered"],
        OrderStatuses.Cancelled => l["Cancelled"],
        OrderStatuses.ReturnRequested => l["Return requested"],
        OrderStatuses.ReturnApproved => l["Return approved"],
        OrderStatuses.ReturnRefused => l["Return refused"],
        OrderStatuses.Refunded => l["Refunded"],
        _ => l["Confirmed"],
    };
}
