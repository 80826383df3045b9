using LiveCommerce.Client;
using LiveCommerce.Client.Auth;
using LiveCommerce.Client.Localization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Microsoft.JSInterop;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// The API and the hub live on the origin that served this app.
builder.Services.AddLiveCommerceClient(new Uri(builder.HostEnvironment.BaseAddress));

var host = builder.Build();

// The culture must be set before the app starts: resources for it load with the app.
await CulturePreference.ApplyAsync(host.Services.GetRequiredService<IJSRuntime>());
await host.Services.GetRequiredService<AuthSession>().RestoreAsync();
await host.RunAsync();
