// Editors' councils chooser (councils/widgets.py): type part of a council's name to narrow the checkboxes.
// Chosen councils stay in view. Without JavaScript the whole list shows.
(function () {
  "use strict";

  function normalise(text) {
    return text.toLowerCase().replace(/\s+/g, " ").trim();
  }

  function enhance(chooser) {
    var find = chooser.querySelector("[data-councils-chooser-find]");
    var input = chooser.querySelector("[data-councils-chooser-input]");
    var count = chooser.querySelector("[data-councils-chooser-count]");
    var options = Array.prototype.slice.call(chooser.querySelectorAll(".councils-chooser__list label"));
    if (!find || !input || !count) {
      return;
    }
    find.hidden = false;

    function filter() {
      var wanted = normalise(input.value);
      var shown = 0;
      options.forEach(function (label) {
        var box = label.querySelector("input");
        var matches = !wanted || normalise(label.textContent).indexOf(wanted) !== -1;
        var visible = matches || (box && box.checked);
        var item = label.closest("div") || label;
        item.hidden = !visible;
        if (matches) {
          shown += 1;
        }
      });
      count.textContent = wanted ? shown + (shown === 1 ? " council matches" : " councils match") : "";
    }

    input.addEventListener("input", filter);
    // Enter in the box must not submit the page form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
  }

  function init() {
    document.querySelectorAll("[data-councils-chooser]").forEach(function (chooser) {
      if (!chooser.hasAttribute("data-councils-chooser-ready")) {
        chooser.setAttribute("data-councils-chooser-ready", "");
        enhance(chooser);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
