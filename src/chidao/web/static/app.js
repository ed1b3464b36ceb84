// chidao: drag-and-drop upload with progress, and selecting text to add a missed task.
"use strict";

function csrfOf(form) {
  const input = form.querySelector('input[name="csrf_token"]');
  return input ? input.value : "";
}

function setupUpload() {
  const form = document.getElementById("upload");
  if (!form) return;
  const drop = document.getElementById("drop");
  const input = document.getElementById("files");
  const bar = document.getElementById("progress");
  const list = document.getElementById("upload-results");
  let dropped = null;
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault(); drop.classList.remove("over");
    dropped = e.dataTransfer.files;
    drop.firstChild.textContent = dropped.length + " tệp đã chọn. ";
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData();
    data.append("csrf_token", csrfOf(form));
    for (const f of (dropped || input.files)) data.append("files", f);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("Accept", "application/json");
    bar.hidden = false; bar.value = 0;
    xhr.upload.addEventListener("progress", (ev) => {
      if (ev.lengthComputable) bar.value = Math.round(100 * ev.loaded / ev.total);
    });
    xhr.addEventListener("load", () => {
      bar.value = 100;
      list.replaceChildren();
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (err) { body = null; }
      if (!body || !body.results) {
        const li = document.createElement("li");
        li.className = "failed";
        li.textContent = (body && body.detail) || ("Lỗi " + xhr.status);
        list.append(li);
        return;
      }
      for (const r of body.results) {
        const li = document.createElement("li");
        li.className = r.status;
        if (r.document_id) {
          const a = document.createElement("a");
          a.href = "/documents/" + r.document_id; a.textContent = r.name;
          li.append(a);
        } else {
          li.append(r.name);
        }
        li.append(": " + (r.status === "failed" ? r.message
          : r.status === "exists" ? "đã có trong hệ thống" : "đã lưu, " + r.tasks + " nhiệm vụ"));
        list.append(li);
      }
    });
    xhr.send(data);
  });
}

function offsetOf(node, offset) {
  // The text offset of a DOM position inside #doc-text (segments carry data-start).
  let el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
  const seg = el && el.closest(".seg");
  if (!seg) return null;
  return parseInt(seg.dataset.start, 10) + (node.nodeType === Node.TEXT_NODE ? offset : 0);
}

function setupSelection() {
  const text = document.getElementById("doc-text");
  const form = document.getElementById("add-task");
  if (!text || !form) return;
  const start = document.getElementById("sel-start");
  const end = document.getElementById("sel-end");
  const shown = document.getElementById("sel-text");
  const button = document.getElementById("add-task-btn");
  document.addEventListener("selectionchange", () => {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
    const a = offsetOf(range.startContainer, range.startOffset);
    const b = offsetOf(range.endContainer, range.endOffset);
    if (a === null || b === null || b <= a) return;
    start.value = a; end.value = b;
    shown.textContent = sel.toString();
    button.disabled = false;
  });
}

document.addEventListener("DOMContentLoaded", () => { setupUpload(); setupSelection(); });
