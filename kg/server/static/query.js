/* The query page with YASGUI (vendored: yasgui.min.js). Without JavaScript the plain form
   below it works on its own; with it, YASGUI replaces the form and queries /sparql on this
   host only (no endpoint list, no prefix.cc / LOV look-ups, nothing kept in localStorage). */
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  if (!root || typeof Yasgui === "undefined") return;
  var prefixes = JSON.parse(root.getAttribute("data-prefixes") || "{}");
  var query = root.getAttribute("data-query") || "";
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: root.getAttribute("data-endpoint"), method: "POST" },
    endpointCatalogueOptions: { getData: function () { return []; } },
    copyEndpointOnNewTab: true,
    populateFromUrl: false,
    persistenceId: null,
    autofocus: false,
    yasqe: { value: query, createShareableLink: null, consumeShareLink: null }
  });
  var tab = yasgui.getTab();
  var yasqe = tab.getYasqe();
  yasqe.setValue(query);
  /* The server predefines these prefixes; declare the ones the query uses so that the
     editor's syntax check knows them too. */
  var used = {};
  Object.keys(prefixes).forEach(function (p) {
    if (new RegExp("(^|[^\\w:?$])" + p + ":").test(query) &&
        !new RegExp("PREFIX\\s+" + p + ":", "i").test(query)) used[p] = prefixes[p];
  });
  if (Object.keys(used).length) yasqe.addPrefixes(used);
  document.body.classList.add("with-yasgui");
  if (root.getAttribute("data-run") === "1") tab.query();
})();
