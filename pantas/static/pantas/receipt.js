// Receipt page: copy, download (a small text slip) and print. Without JavaScript the buttons stay hidden and the
// code can still be written down or selected; the receipt never goes into a URL (a Blob, not a data: link).
(function () {
  "use strict";
  var code = document.getElementById("receipt");
  var copy = document.getElementById("receipt-copy");
  var done = document.getElementById("receipt-copied");
  var download = document.getElementById("receipt-download");
  var slip = document.getElementById("receipt-slip");
  var print = document.getElementById("receipt-print");
  if (code && copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(code.getAttribute("data-code")).then(function () {
        done.hidden = false;
      });
    });
  }
  if (download && slip && window.Blob && window.URL) {
    download.hidden = false;
    download.addEventListener("click", function () {
      var url = URL.createObjectURL(new Blob([slip.textContent], { type: "text/plain;charset=utf-8" }));
      var link = document.createElement("a");
      link.href = url;
      link.download = download.getAttribute("data-filename");
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });
  }
  if (print && window.print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
