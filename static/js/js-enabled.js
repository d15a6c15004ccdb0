// Runs before the page is drawn (a blocking script at the top of <body>), so GOV.UK Frontend's JavaScript-only styles
// apply from the first paint. A file rather than an inline script, which the Content-Security-Policy refuses.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
