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
  var more = document.getElementById("more");
  // A page of results at a time: laying out hundreds of results is what makes an answer slow,
  // not finding them (10,000 items are scanned in a few milliseconds).
  var PAGE = 50;
  var found = [];
  var shown = 0;
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
    found = [];
    for (var i = 0; i < records.length; i++) {
      var r = records[i];
      if (kind.value && r.kind !== kind.value) { continue; }
      if (provider.value && r.providers.indexOf(provider.value) < 0) { continue; }
      if (township.value === "yes" && r.township !== true) { continue; }
      if (township.value === "no" && r.township !== false) { continue; }
      var text = haystacks[i];
      var all = true;
      for (var w = 0; w < words.length && all; w++) { all = text.indexOf(words[w]) >= 0; }
      if (all) { found.push(r); }
    }
    shown = 0;
    list.textContent = "";
    show();
  }
  function show() {
    var page = document.createDocumentFragment();
    found.slice(shown, shown + PAGE).forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = r.url;
      a.textContent = r.code + " " + r.name;
      li.appendChild(a);
      var p = document.createElement("p");
      p.textContent = [r.kind, r.category, r.content].filter(Boolean).join(" · ");
      li.appendChild(p);
      page.appendChild(li);
    });
    list.appendChild(page);
    shown = Math.min(found.length, shown + PAGE);
    count.textContent = "找到 " + found.length + " 项" + (found.length > shown ? "，显示前 " + shown + " 项" : "");
    if (more) { more.hidden = shown >= found.length; }
  }
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  if (more) { more.addEventListener("click", show); }
  [q, kind, provider, township].forEach(function (el) {
    el.addEventListener("input", run);
    el.addEventListener("change", run);
  });
  run();
}());
