// Upload progress for the plan import form. Without JavaScript the form
// posts as usual; with it, the file goes by XMLHttpRequest so that a
// <progress> bar can follow the upload, and the answer replaces the page.
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  var box = form.querySelector(".upload-progress");
  var bar = document.getElementById("import-progress");
  var status = document.getElementById("import-status");
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var button = form.querySelector("button[type=submit]");
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        bar.value = Math.round(e.loaded * 100 / e.total);
        status.textContent = bar.value + "%";
      }
    });
    xhr.upload.addEventListener("load", function () {
      bar.removeAttribute("value");
      status.textContent = form.dataset.reading;
    });
    xhr.addEventListener("load", function () {
      // A document read is kept under review at its own address: go there,
      // so that a reload or Back finds it again.
      if (xhr.responseURL && xhr.responseURL.indexOf("/plans/import/review/") >= 0) {
        window.location.assign(xhr.responseURL);
        return;
      }
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener("error", function () {
      box.hidden = false;
      status.textContent = form.dataset.failed;
      button.disabled = false;
    });
    box.hidden = false;
    bar.value = 0;
    status.textContent = "0%";
    button.disabled = true;
    xhr.send(new FormData(form));
  });
})();
