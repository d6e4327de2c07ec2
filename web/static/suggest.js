// Search-as-you-type for the search box (#f-q): while a person types, the
// box's list of suggestions is filled from /api/v1/suggest (titles, topics
// and places that find offers). The browser shows them under the box, to
// be chosen by mouse, touch or arrow keys. Without this script the search
// works the same; nothing here is needed to find an offer.
(function () {
  "use strict";
  var input = document.getElementById("f-q");
  var list = input && document.getElementById(input.getAttribute("list"));
  if (!list || !window.fetch) {
    return;
  }
  var timer = 0;
  var asked = "";
  var pending = null;
  function fill(suggestions) {
    list.textContent = "";
    suggestions.forEach(function (s) {
      var option = document.createElement("option");
      option.value = s.text;
      list.appendChild(option);
    });
  }
  function ask() {
    var q = input.value.trim();
    if (q.length < 2 || q === asked) {
      return;
    }
    asked = q;
    if (pending) {
      pending.abort();
    }
    pending = window.AbortController ? new AbortController() : null;
    fetch("/api/v1/suggest?limit=8&q=" + encodeURIComponent(q), {
      headers: { Accept: "application/json" },
      signal: pending ? pending.signal : undefined
    }).then(function (res) {
      return res.ok ? res.json() : { suggestions: [] };
    }).then(function (body) {
      if (input.value.trim() === q) {
        fill(body.suggestions || []);
      }
    }).catch(function () {
      // offline or aborted: the box simply has no suggestions
    });
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
})();
