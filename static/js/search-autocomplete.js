// Progressive enhancement: turn each search box inside an element with data-autocomplete-url (the search page's
// and the home page's) into alphagov's accessible-autocomplete, fed by that URL (?q=). Without JavaScript (or if
// the library failed to load) the plain boxes work as before.
(function () {
  "use strict";
  if (typeof window.accessibleAutocomplete !== "function" || !window.fetch) {
    return;
  }
  var containers = document.querySelectorAll("[data-autocomplete-url]");
  for (var i = 0; i < containers.length; i++) {
    var input = containers[i].querySelector("input");
    if (input && input.id) {
      enhance(containers[i], input);
    }
  }

  function enhance(container, input) {
    var id = input.id;
    var url = container.getAttribute("data-autocomplete-url");
    var timer = null;
    var latest = 0;

    function source(query, populateResults) {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var request = ++latest;
        window
          .fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
          .then(function (response) {
            return response.ok ? response.json() : [];
          })
          .then(function (suggestions) {
            if (request === latest) {
              populateResults(suggestions);
            }
          })
          .catch(function () {
            populateResults([]);
          });
      }, 200);
    }

    // accessible-autocomplete renders suggestions as HTML: escape them, since titles and tags are user content.
    function escapeHtml(text) {
      return String(text).replace(/[&<>"']/g, function (c) {
        return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
      });
    }

    var value = input.value;
    var describedBy = input.getAttribute("aria-describedby");
    var hasError = input.classList.contains("govuk-input--error");
    container.removeChild(input);
    window.accessibleAutocomplete({
      element: container,
      id: id,
      name: "q",
      defaultValue: value,
      minLength: 2,
      source: source,
      showNoOptionsFound: false,
      confirmOnBlur: false,
      displayMenu: "overlay",
      templates: {
        inputValue: function (suggestion) {
          return suggestion || "";
        },
        suggestion: escapeHtml,
      },
      inputClasses: "govuk-input" + (hasError ? " govuk-input--error" : ""),
      onConfirm: function (chosen) {
        if (chosen) {
          var field = document.getElementById(id);
          field.value = chosen;
          field.form.submit();
        }
      },
    });
    var enhanced = document.getElementById(id);
    if (enhanced && describedBy) {
      enhanced.setAttribute("aria-describedby", describedBy + " " + (enhanced.getAttribute("aria-describedby") || ""));
    }
    if (enhanced) {
      enhanced.setAttribute("type", "search");
    }
  }
})();
