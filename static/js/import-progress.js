// Content import progress page (importing/views.py): asks the import's status address every few
// seconds and updates the count, which its polite live region announces; when the import has finished, loads the
// page again to show what came of it. Without JavaScript the page's "Check progress" link does the same by hand.
(function () {
  "use strict";

  var INTERVAL = 2000;
  var GIVE_UP_AFTER = 5; // failed requests in a row

  function enhance(box) {
    var url = box.getAttribute("data-status-url");
    var message = box.querySelector("[data-import-progress-message]");
    var bar = box.querySelector("[data-import-progress-bar]");
    var failures = 0;
    if (!url || !message) {
      return;
    }

    function show(status) {
      // Only a changed text is written, so the live region announces each change once.
      if (message.textContent !== status.message) {
        message.textContent = status.message;
      }
      if (bar) {
        bar.value = status.published;
        bar.textContent = status.message;
      }
    }

    function poll() {
      window
        .fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("status " + response.status);
          }
          return response.json();
        })
        .then(function (status) {
          failures = 0;
          show(status);
          if (status.finished) {
            window.location.reload();
          } else {
            window.setTimeout(poll, INTERVAL);
          }
        })
        .catch(function () {
          failures += 1;
          if (failures < GIVE_UP_AFTER) {
            window.setTimeout(poll, INTERVAL * failures);
          } else {
            message.textContent = "Progress cannot be checked just now: use the Check progress link";
          }
        });
    }

    window.setTimeout(poll, INTERVAL);
  }

  function init() {
    document.querySelectorAll("[data-import-progress]").forEach(function (box) {
      if (!box.hasAttribute("data-import-progress-ready")) {
        box.setAttribute("data-import-progress-ready", "");
        enhance(box);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
