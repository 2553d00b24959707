// Registers the site's service worker (web/sw.js: the offline cache, and
// COOP/COEP for hosts that cannot send them) and says what it achieved.
// Only the top-level page of a built site registers it (an iframe is
// isolated only if its parent is; the dev server has no sw.js). When the
// worker starts to control a page that is not cross-origin isolated, the
// page reloads once, now isolated (a session flag stops a reload loop on a
// browser that still does not isolate it). window.damlabServiceWorker = false
// (set before the page's scripts run) turns registration off: the browser
// tests use it to test the single-threaded fallback.

/** Why no service worker can serve this page, or '' when one can. */
export function serviceWorkerUnavailable() {
  if (!import.meta.env.PROD) return 'the development server has no service worker';
  if (window.self !== window.top) return 'an embedded figure uses its host page’s settings';
  if (!window.isSecureContext) return 'service workers need HTTPS or localhost';
  if (!('serviceWorker' in navigator)) return 'this browser (or a private window) has no service workers';
  if (window.damlabServiceWorker === false) return 'the service worker is turned off for this page';
  return '';
}

/**
 * Registers the worker; onStatus(text, state) reports the offline state:
 * 'caching', 'ready' (every file cached), 'unavailable' or 'failed'.
 */
export async function registerServiceWorker(onStatus) {
  const reason = serviceWorkerUnavailable();
  if (reason) {
    // An iframe of a page the worker controls is controlled (and cached) too.
    if (navigator.serviceWorker?.controller) onStatus('ready: this page is served from the cache', 'ready');
    else onStatus(`not available: ${reason}`, 'unavailable');
    return;
  }
  const flag = 'damlab-isolation-reload';
  if (crossOriginIsolated) sessionStorage.removeItem(flag);
  const reloadIfNeeded = () => {
    if (crossOriginIsolated || sessionStorage.getItem(flag)) return;
    sessionStorage.setItem(flag, '1');
    location.reload();
  };
  navigator.serviceWorker.addEventListener('controllerchange', reloadIfNeeded);
  try {
    const registration = await navigator.serviceWorker.register(new URL('sw.js', document.baseURI).href);
    if (!registration.active) onStatus('caching the site, its WebAssembly builds and data…', 'caching');
    // Caching is all or nothing: one file that cannot be fetched makes the new worker redundant.
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'redundant' && !registration.active)
        onStatus('not available: caching the site failed (a file could not be fetched); the next visit tries again', 'failed');
    });
    await navigator.serviceWorker.ready; // active: its install cached every file
    onStatus('ready: the site, its WebAssembly builds and data are cached', 'ready');
    if (navigator.serviceWorker.controller) reloadIfNeeded();
  } catch (error) {
    onStatus(`not available: the service worker failed (${error?.message ?? error})`, 'failed');
  }
}
