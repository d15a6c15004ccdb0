// Similar published content panel (challenges/panels.py): refreshes from the title and summary as the editor
// types, debounced, from an admin-only JSON endpoint. Without JavaScript the panel just shows its help text.
(function () {
  "use strict";
  var KIND_LABELS = {
    challenge: "Shared challenge",
    case_study: "Case study",
    pattern: "Pattern",
    experiment: "Experiment",
  };
  var DELAY_MS = 400;

  function text(tag, value, className) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (className) el.className = className;
    return el;
  }

  function render(results, box) {
    box.replaceChildren();
    if (!results.length) {
      box.appendChild(text("p", "No similar published content found."));
      return;
    }
    var list = document.createElement("ul");
    results.forEach(function (r) {
      var item = document.createElement("li");
      var link = text("a", r.title);
      link.href = r.url;
      link.target = "_blank";
      link.rel = "noopener";
      item.appendChild(link);
      var meta = [KIND_LABELS[r.kind] || r.kind, r.council, r.stage].filter(Boolean).join(" · ");
      item.appendChild(text("div", meta, "help"));
      list.appendChild(item);
    });
    box.appendChild(text("p", results.length + " similar published " + (results.length === 1 ? "item" : "items") + ":"));
    box.appendChild(list);
  }

  function init(panel) {
    var title = document.getElementById("id_title");
    var summary = document.getElementById("id_summary");
    var box = panel.querySelector("[data-similar-content-results]");
    var timer = null;
    var latest = 0;

    function refresh() {
      var params = new URLSearchParams({
        title: title ? title.value : "",
        summary: summary ? summary.value : "",
        exclude: panel.dataset.exclude || "",
      });
      var request = ++latest;
      fetch(panel.dataset.endpoint + "?" + params.toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (data) {
          if (request === latest) render(data.results || [], box); // ignore answers that arrive out of order
        })
        .catch(function () {
          if (request === latest) {
            box.replaceChildren(text("p", "Similar content could not be loaded. Try again later."));
          }
        });
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(refresh, DELAY_MS);
    }

    [title, summary].forEach(function (field) {
      if (field) field.addEventListener("input", schedule);
    });
    if ((title && title.value) || (summary && summary.value)) refresh();
  }

  function start() {
    document.querySelectorAll("[data-similar-content]").forEach(init);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
