// The first screen's one request (`loadFirstScreen`), sent as soon as the page starts, while the
// browser is still loading and running the app's bundle; renderer/api/startup.ts picks up the
// answer's promise. A plain async script (no module, nothing imported) so that it runs as soon as
// it arrives, blocking nothing; the tray's quick-create window (`#quick-create`) needs none of it.
/* global window */
'use strict';
(function () {
  var api = window.devkeys;
  if (!api || typeof api.loadFirstScreen !== 'function' || window.location.hash === '#quick-create') return;
  // This script is async: if the app ran first, it has asked already (startup.ts), and once is enough.
  if (window.__devkeysFirstScreenAsked) return;
  window.__devkeysFirstScreenAsked = true;
  var reply = api.loadFirstScreen({});
  // A failure is left to the app: startup.ts then asks through its bridge, which explains errors.
  reply.catch(function () {});
  window.__devkeysFirstScreen = reply;
})();
