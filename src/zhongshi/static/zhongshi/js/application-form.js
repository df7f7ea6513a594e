/* The 申报书 form: word counters (Word/WPS 字数), table rows, autosave with optimistic concurrency.
   Without JavaScript the form still works: its buttons post and the server adds/removes rows. */
(function () {
  "use strict";
  var form = document.getElementById("application-form");
  if (!form) { return; }
  var statusBox = document.getElementById("save-status");
  var revisionInput = form.querySelector("input[name=_revision]");
  var saveUrl = form.getAttribute("action");
  var timer = null, saving = false, pending = false, stopped = false, waitingSubmit = null;

  // Word/WPS 字数: each CJK character and full-width punctuation mark 1, each run of other visible characters 1.
  var CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var FULL = "\u3001-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7";
  var TOKEN = new RegExp("[" + CJK + "]|[\\uD840-\\uD8BF][\\uDC00-\\uDFFF]|[" + FULL + "]|[^\\s" + CJK + FULL + "]+", "g");
  function countWords(text) { var m = (text || "").match(TOKEN); return m ? m.length : 0; }
  function updateCounter(input) {
    var max = parseInt(input.getAttribute("data-max-words"), 10);
    var box = form.querySelector('.word-count[data-for="' + input.id + '"]');
    if (!max || !box) { return; }
    var n = countWords(input.value);
    box.textContent = "已输入 " + n + "/" + max + " 字";
    box.classList.toggle("over", n > max);
  }
  form.querySelectorAll("[data-max-words]").forEach(updateCounter);

  function setStatus(text, isError) {
    statusBox.textContent = text;
    statusBox.classList.toggle("error", !!isError);
  }

  function renumber(table) {
    table.querySelectorAll("tbody > tr").forEach(function (row, i) {
      var cell = row.querySelector(".row-number"); if (cell) { cell.textContent = i + 1; }
    });
  }
  function nextIndex(container) {
    var max = -1, path = container.getAttribute("data-path");
    container.querySelectorAll("tbody > tr").forEach(function (row) {
      var m = (row.getAttribute("data-row") || "").match(/\[(\d+)\]$/);
      if (m) { max = Math.max(max, parseInt(m[1], 10)); }
    });
    return max + 1;
  }
  form.addEventListener("click", function (event) {
    var button = event.target.closest("button.add-row, button.remove-row");
    if (!button) { return; }
    event.preventDefault();
    var container = button.closest(".table-field");
    if (button.classList.contains("add-row")) {
      var maxRows = parseInt(container.getAttribute("data-max-rows"), 10);
      var tbody = container.querySelector("tbody");
      if (maxRows && tbody.children.length >= maxRows) { setStatus("该表最多 " + maxRows + " 行", true); return; }
      var html = container.querySelector("template.row-template").innerHTML.replace(/__index__/g, nextIndex(container));
      tbody.insertAdjacentHTML("beforeend", html);
      renumber(container);
      var first = tbody.lastElementChild.querySelector("input, textarea");
      if (first) { first.focus(); }
    } else {
      button.closest("tr").remove();
      renumber(container);
    }
    schedule();
  });

  function showMessages(messages) {
    form.querySelectorAll(".field-error, .field-warning").forEach(function (el) { el.remove(); });
    messages.forEach(function (m) {
      var css = m.severity === "error" ? "field-error" : "field-warning";
      var target = form.querySelector('[data-path="' + CSS.escape(m.path) + '"]');
      var p = document.createElement("p");
      p.className = css; p.setAttribute("data-code", m.code); p.textContent = m.message;
      if (target) {
        var control = target.querySelector(":scope > .control") || target;
        control.appendChild(p);
      } else {
        var input = form.querySelector('[name="' + CSS.escape(m.path) + '"]');
        if (input) { input.insertAdjacentElement("afterend", p); }
      }
    });
  }
  function showSections(sections) {
    sections.forEach(function (s) {
      var badge = document.querySelector('.steps [data-step="' + s.key + '"] .step-state');
      if (!badge) { return; }
      badge.textContent = s.complete ? "已完成" : (s.errors + " 处待完善");
      badge.className = "step-state " + (s.complete ? "complete" : "incomplete");
    });
  }
  function showComputed(values) {
    Object.keys(values).forEach(function (path) {
      form.querySelectorAll('[data-computed="' + path + '"]').forEach(function (el) {
        var v = values[path];
        el.textContent = v === null ? "—" : v;
      });
    });
  }

  function save() {
    if (stopped) { return; }
    if (saving) { pending = true; return; }
    saving = true;
    setStatus("正在保存…");
    var data = new FormData(form);
    fetch(saveUrl, { method: "POST", body: data, headers: { "X-Autosave": "1", "X-CSRFToken": data.get("csrfmiddlewaretoken") }, credentials: "same-origin" })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) {
          return { status: response.status, body: { ok: false, message: response.status === 400
            ? "内容过大或格式不正确，未能保存；您的输入仍在本页，请精简后再试" : "保存失败（" + response.status + "），您的输入仍在本页" } };
        }
        return response.json().then(function (body) { return { status: response.status, body: body }; });
      })
      .then(function (result) {
        saving = false;
        if (result.status === 409) {
          stopped = true;
          setStatus(result.body.message, true);
          var banner = document.getElementById("stale-banner");
          banner.textContent = result.body.message; banner.hidden = false;
          return;
        }
        if (!result.body.ok) { setStatus(result.body.message || "保存失败", true); return; }
        revisionInput.value = result.body.revision;
        setStatus("已自动保存 " + result.body.saved_at);
        if (waitingSubmit !== null) { var button = waitingSubmit; waitingSubmit = null; if (button) { form.requestSubmit(button); } else { form.requestSubmit(); } return; }
        showMessages(result.body.messages);
        showSections(result.body.sections);
        var progress = document.querySelector('[data-testid="progress"]');
        if (progress && result.body.progress) { progress.textContent = "已完成部分：" + result.body.progress; }
        showComputed(result.body.computed);
        if (pending) { pending = false; schedule(); }
      })
      .catch(function () { saving = false; setStatus("网络异常，尚未保存；您的输入仍在本页", true); });
  }
  function schedule() {
    if (stopped) { return; }
    setStatus("有未保存的修改");
    clearTimeout(timer);
    timer = setTimeout(save, 1200);
  }
  form.addEventListener("input", function (event) {
    if (event.target.hasAttribute("data-max-words")) { updateCounter(event.target); }
    schedule();
  });
  form.addEventListener("change", schedule);
  window.addEventListener("beforeunload", function (event) {
    if (timer && (saving || pending || statusBox.textContent === "有未保存的修改")) { event.preventDefault(); event.returnValue = ""; }
  });
  // A button pressed while an autosave is on its way waits for it, so that it posts the new revision.
  form.addEventListener("submit", function (event) {
    clearTimeout(timer); timer = null;
    if (saving) { event.preventDefault(); waitingSubmit = event.submitter || false; pending = false; }
  });
})();
