// /lapor/ and the staff/partner report forms: progressive enhancement only — the forms work the same without
// this file (then "tambah terlapor/tautan" are submit buttons the server answers with one more row).
// Identity fields show only for a confidential report (the server ignores them for an anonymous one),
// rows are added in place, and an error summary takes the focus so screen-reader and keyboard users start there.
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  var block = document.getElementById("identity-fields");
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

  var root = form || document;
  var firstField = function (row) {
    var input = row.querySelector("input:not([type=hidden]), select, textarea");
    if (input) { input.focus(); }
  };

  var addPerson = function (button) {
    var total = root.querySelector('input[name="terlapor-TOTAL_FORMS"]');
    var maxField = root.querySelector('input[name="terlapor-MAX_NUM_FORMS"]');
    var template = document.getElementById("person-template");
    var list = document.getElementById("more-persons");
    if (!total || !template || !list) { return false; }
    var index = parseInt(total.value, 10) || 0;
    var max = maxField ? parseInt(maxField.value, 10) : 19;
    if (index >= max) { return true; }
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
    var row = holder.firstElementChild;
    var title = row.querySelector(".row-title");
    if (title) { title.textContent = title.getAttribute("data-numbered") || title.textContent; }
    list.appendChild(row);
    total.value = String(index + 1);
    if (index + 1 >= max) { button.hidden = true; }
    renumberPersons();
    firstField(row);
    return true;
  };

  var renumberPersons = function () {
    var label = document.getElementById("person-template");
    var word = label ? label.getAttribute("data-word") : null;
    if (!word) { return; }
    document.querySelectorAll("#more-persons .row-title").forEach(function (title, i) {
      title.textContent = word + " " + String(i + 2);
    });
  };

  var addLink = function (button) {
    var count = root.querySelector('input[name="link_count"]');
    var rows = document.getElementById("link-rows");
    if (!count || !rows || !rows.firstElementChild) { return false; }
    var max = parseInt(button.getAttribute("data-max"), 10) || 10;
    var n = (parseInt(count.value, 10) || rows.children.length) + 1;
    if (n > max) { return true; }
    var row = rows.firstElementChild.cloneNode(true);
    var rename = function (value) { return value.replace(/link_(url|account|act)_\d+/g, "link_$1_" + n); };
    row.querySelectorAll("[id],[name],[for],[aria-describedby]").forEach(function (el) {
      ["id", "name", "for", "aria-describedby"].forEach(function (attr) {
        if (el.hasAttribute(attr)) { el.setAttribute(attr, rename(el.getAttribute(attr))); }
      });
    });
    row.querySelectorAll("label").forEach(function (lab) {
      lab.childNodes.forEach(function (node) {
        if (node.nodeType === 3) { node.textContent = node.textContent.replace(/\d+/, String(n)); }
      });
    });
    row.querySelectorAll(".error").forEach(function (el) { el.remove(); });
    row.querySelectorAll(".has-error").forEach(function (el) { el.classList.remove("has-error"); });
    row.querySelectorAll("input, textarea").forEach(function (el) {
      el.value = "";
      el.removeAttribute("aria-invalid");
    });
    rows.appendChild(row);
    count.value = String(n);
    if (n >= max) { button.hidden = true; }
    firstField(row);
    return true;
  };

  document.querySelectorAll("[data-add]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      var done = button.getAttribute("data-add") === "person" ? addPerson(button) : addLink(button);
      if (done) { event.preventDefault(); }
    });
  });

  // With rows added in place, Enter in a text field would "press" the first submit button (a "tambah" button):
  // keep Enter from submitting this long form; the send button does that.
  document.querySelectorAll("form[data-no-enter-submit]").forEach(function (f) {
    f.addEventListener("keydown", function (event) {
      var t = event.target;
      if (event.key === "Enter" && t.tagName === "INPUT" && t.type !== "submit" && t.type !== "button") {
        event.preventDefault();
      }
    });
  });

  var summary = document.getElementById("form-errors");
  if (summary) { summary.focus(); }
})();
