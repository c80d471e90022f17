// The first screen's one request (`loadFirstScreen`), sent as soon as the page starts, while the
// browser is still loading and running the app's bundle; renderer/api/startup.ts picks up the
// answer's promise. A plain script (no module, nothing imported) so that it runs first and at once;
// the tray's quick-create window (`#quick-create`) needs none of it.
/* global window */
'use strict';
(function () {
  var api = window.devkeys;
  if (!api || typeof api.loadFirstScreen !== 'function' || window.location.hash === '#quick-create') return;
  var reply = api.loadFirstScreen({});
  // A failure is left to the app: startup.ts then asks through its bridge, which explains errors.
  reply.catch(function () {});
  window.__devkeysFirstScreen = reply;
})();
