// /lapor/: progressive enhancement only — the form works the same without this file.
// Identity fields show only for a confidential report (the server ignores them for an anonymous one),
// and an error summary takes the focus so screen-reader and keyboard users start there.
(function () {
  "use strict";
  var block = document.getElementById("identity-fields");
  var form = document.getElementById("report-form");
  if (block && form) {
    var wanted = block.getAttribute("data-shown-for");
    var radios = form.querySelectorAll('input[name="anonymity"]');
    var sync = function () {
      var chosen = form.querySelector('input[name="anonymity"]:checked');
      block.hidden = !chosen || chosen.value !== wanted;
    };
    radios.forEach(function (radio) { radio.addEventListener("change", sync); });
    sync();
  }
  var summary = document.getElementById("form-errors");
  if (summary) { summary.focus(); }
})();
