/* catalogtool site: search and filters over the search index, an enhancement of pages that read without it.
   Results are built with textContent only: no text of a document is ever parsed as HTML. */
(function () {
  "use strict";
  var form = document.getElementById("search");
  var records = window.catalogtoolSearch;
  if (!form || !Array.isArray(records)) { return; }
  var q = document.getElementById("q");
  var kind = document.getElementById("kind");
  var provider = document.getElementById("provider");
  var township = document.getElementById("township");
  var list = document.getElementById("results");
  var count = document.getElementById("count");
  var LIMIT = 200;
  var haystacks = records.map(function (r) {
    return [r.code, r.name, r.content, r.category].join("\n").toLowerCase();
  });
  var last = null;
  function run() {
    // "change" also fires when the box loses focus, as a result link is clicked:
    // rebuilding the same list then would remove the link under the pointer.
    var key = [q.value, kind.value, provider.value, township.value].join("\u0000");
    if (key === last) { return; }
    last = key;
    var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var found = [];
    for (var i = 0; i < records.length; i++) {
      var r = records[i];
      if (kind.value && r.kind !== kind.value) { continue; }
      if (provider.value && r.providers.indexOf(provider.value) < 0) { continue; }
      if (township.value === "yes" && r.township !== true) { continue; }
      if (township.value === "no" && r.township !== false) { continue; }
      var text = haystacks[i];
      if (words.every(function (w) { return text.indexOf(w) >= 0; })) { found.push(r); }
    }
    list.textContent = "";
    found.slice(0, LIMIT).forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = r.url;
      a.textContent = r.code + " " + r.name;
      li.appendChild(a);
      var p = document.createElement("p");
      p.textContent = [r.kind, r.category, r.content].filter(Boolean).join(" · ");
      li.appendChild(p);
      list.appendChild(li);
    });
    count.textContent = "找到 " + found.length + " 项" + (found.length > LIMIT ? "，显示前 " + LIMIT + " 项" : "");
  }
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  [q, kind, provider, township].forEach(function (el) {
    el.addEventListener("input", run);
    el.addEventListener("change", run);
  });
  run();
}());
