/* The review page: the opinion typed is kept in localStorage while the reviewer reads (keyed by application and
   revision, cleared on submit), and an irreversible choice asks for confirmation before it is sent. */
(function () {
  "use strict";
  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.name !== "revision" && el.type !== "file";
    });
  }
  function read(form) {
    var data = {};
    fields(form).forEach(function (el) {
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked) { (data[el.name] = data[el.name] || []).push(el.value); }
      } else if (el.value) {
        data[el.name] = el.value;
      }
    });
    return data;
  }
  function restore(form, data) {
    fields(form).forEach(function (el) {
      if (!(el.name in data)) { return; }
      if (el.type === "radio" || el.type === "checkbox") {
        el.checked = data[el.name].indexOf(el.value) !== -1;
      } else {
        el.value = data[el.name];
      }
    });
  }
  function setup(form) {
    var key = form.getAttribute("data-draft-key");
    var store = null;
    try { store = window.localStorage; } catch (e) { store = null; }
    var hasServerInput = Object.keys(read(form)).length > 0 || form.querySelector(".field-error");
    if (store && key && !hasServerInput) {
      var saved = store.getItem(key);
      if (saved) {
        try { restore(form, JSON.parse(saved)); } catch (e) { store.removeItem(key); }
        var note = form.querySelector(".draft-note");
        if (note) { note.hidden = false; }
      }
    }
    function save() {
      if (!store || !key) { return; }
      var data = read(form);
      if (Object.keys(data).length) { store.setItem(key, JSON.stringify(data)); } else { store.removeItem(key); }
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", function (event) {
      var field = form.getAttribute("data-confirm-field");
      var values = (form.getAttribute("data-confirm-values") || "").split(" ");
      var chosen = form.querySelector('input[name="' + field + '"]:checked');
      if (chosen && values.indexOf(chosen.value) !== -1 && !window.confirm(form.getAttribute("data-confirm"))) {
        event.preventDefault();
        return;
      }
      if (store && key) { store.removeItem(key); }
    });
  }
  function confirmForward(form) {
    form.addEventListener("submit", function (event) {
      var ticked = form.querySelectorAll('input[name="application"]:checked, input[type="hidden"][name="application"]').length;
      var message = (form.getAttribute("data-confirm") || "").replace("{count}", String(ticked));
      if (ticked && !window.confirm(message)) { event.preventDefault(); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.opinion-form"), setup);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-confirm-forward]"), confirmForward);
  });
})();
