// Tells .NET when the browser goes offline or back online. A dead network can leave a WebSocket
// looking open for up to the hub's server timeout (30 s); these events let the live connection
// show "Reconnecting…" at once and retry the moment the network returns.
export function watch(dotnet) {
  const online = () => dotnet.invokeMethodAsync('OnNetworkChanged', true);
  const offline = () => dotnet.invokeMethodAsync('OnNetworkChanged', false);
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  return {
    dispose() {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    },
  };
}

export function isOnline() {
  return navigator.onLine;
}
