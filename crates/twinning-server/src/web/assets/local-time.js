// Optional: adds the visitor's own time beside each Brussels time, and
// moves focus to a form's error summary so screen readers announce it.
// Pages say everything without it.
(function () {
  "use strict";
  function focusErrors() {
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", focusErrors); } else { focusErrors(); }
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone || zone === "Europe/Brussels") { return; }
  var format = new Intl.DateTimeFormat(undefined, {
    day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
  });
  function run() {
    var times = document.querySelectorAll("time.local-time[datetime]");
    for (var i = 0; i < times.length; i++) {
      var when = new Date(times[i].getAttribute("datetime"));
      if (isNaN(when.getTime())) { continue; }
      var span = document.createElement("span");
      span.className = "your-time";
      span.textContent = " (your time: " + format.format(when) + ")";
      times[i].insertAdjacentElement("afterend", span);
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); } else { run(); }
})();
