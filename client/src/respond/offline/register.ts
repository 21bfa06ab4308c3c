/**
 * Installs the respondent page's service worker (respond-sw.ts) once the page has loaded, so the first paint on a
 * weak signal never waits for it. Only the built page has the worker; plain-HTTP school servers have no service
 * workers at all, and the page works as before.
 */
export function registerOfflineWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/respond-sw.js', { scope: '/s/' }).catch(() => {
      // No worker (storage full, private mode): the page simply needs the network to open, as without one.
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
