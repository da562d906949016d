// drafter serve: what htmx does not do by itself. Esc closes the real pages; a save that did not reach the
// server says so where "已保存" is said.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const close = document.querySelector("#real-pages .real-head button");
  if (close) close.click();
});

function say(text) {
  const place = document.querySelector("#saved");
  if (place) place.innerHTML = `<span class="error">${text}</span>`;
}

document.addEventListener("htmx:sendError", () =>
  say("没有保存：连不上 drafter。请确认运行 drafter serve 的窗口还开着，再改一下这一项。"));
document.addEventListener("htmx:responseError", (event) => {
  const status = event.detail.xhr.status;
  say(status === 403
    ? "没有保存：页面已过期。请先复制刚写的文字，再刷新页面（F5）后粘贴回来。"
    : `没有保存：drafter 出错了（${status}）。请先复制刚写的文字，再刷新页面（F5）后重试。`);
});

// --- saves in flight: a link away from the page waits for them (a field typed in and left at once) ---------

let inFlight = 0;
document.addEventListener("htmx:beforeRequest", () => { inFlight += 1; });
document.addEventListener("htmx:afterRequest", () => { inFlight = Math.max(0, inFlight - 1); });

let waiting = 0;
let leaving = false;

function whenSaved(then) {
  const started = Date.now();
  waiting += 1;
  const wait = () => {
    if (inFlight === 0 || Date.now() - started > 5000) {
      waiting -= 1;
      then();
    } else {
      setTimeout(wait, 40);
    }
  };
  setTimeout(wait, 20); // the change event of the field being left comes first
}

function go(href) {
  leaving = true;
  window.location.href = href;
}

// Whether the page is still doing something a person would wait for (a save, a move to another part): the
// browser tests wait on it instead of sleeping.
window.drafterBusy = () => leaving || inFlight > 0 || waiting > 0
  || document.querySelector(".htmx-request, .htmx-settling, .htmx-swapping") !== null;

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[href^='/']");
  if (!link || !document.querySelector("#part") || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  whenSaved(() => go(link.href));
});

// --- Enter only: the wizard's walk through a part ------------------------------------------------------------
// Enter takes the grey suggestion of an empty field, or goes to the next field; in a text box, Enter on an empty
// line ends it; after the last field, Enter goes to the next part. Never while an input method is composing.

function walk() {
  return [...document.querySelectorAll("#part [data-walk]")].filter((el) => !el.disabled && el.offsetParent !== null);
}

function focusAt(field) {
  if (!field) return;
  field.focus();
  if (field.setSelectionRange && typeof field.value === "string") field.setSelectionRange(field.value.length, field.value.length);
}

function next(field) {
  const fields = walk();
  const at = fields.indexOf(field);
  if (at >= 0 && at + 1 < fields.length) {
    focusAt(fields[at + 1]);
    return;
  }
  const onward = document.querySelector("#next-part");
  const part = document.querySelector("#part");
  if (onward) { // the part left as the wizard leaves it (empty bodies marked 【待填写】), then the next one
    field.blur();
    whenSaved(() => htmx.ajax("POST", part.dataset.leave, { source: part, values: { part: part.dataset.part }, swap: "none" })
      .then(() => go(onward.href)));
  }
}

function after(swap, how) { // where the focus goes once the part is shown again (a refused answer never shows it)
  sessionStorage.setItem("drafter-focus", JSON.stringify({ swap, at: Date.now(), ...how }));
}

document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || event.isComposing || event.keyCode === 229) return;
  if (event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
  const field = event.target;
  if (!field.matches || !field.matches("#part [data-walk], #part .children input")) return;
  if (field.type === "checkbox" || field.closest("label.own")) { // the sub-headings: take what is ticked
    event.preventDefault();
    after("children", {});
    field.form.requestSubmit();
    return;
  }
  if (field.tagName === "BUTTON") { // an offer the wizard makes (last year's plan): Enter takes it
    event.preventDefault();
    after(field.dataset.after || "button", {});
    field.click();
    return;
  }
  if (field.classList.contains("slot")) { // a blank in its sentence: fill it, or leave it 【】
    event.preventDefault();
    if (field.value.trim()) {
      after("slot", { index: [...document.querySelectorAll("#part input.slot")].indexOf(field) });
      field.dispatchEvent(new Event("change", { bubbles: true }));
    } else {
      next(field);
    }
    return;
  }
  if (field.tagName === "TEXTAREA") {
    const empty = field.value.trim() === "";
    if (empty && field.dataset.suggestChoice) { // the suggested phrase goes in, its blanks then asked
      event.preventDefault();
      const choice = document.querySelector(`#part button[data-choice="${field.dataset.suggestChoice}"]`);
      after("phrase", {});
      if (choice) choice.click();
      return;
    }
    if (empty && field.dataset.suggestText) { // the suggested paragraph, as the wizard's Enter takes it
      event.preventDefault();
      field.value = field.dataset.suggestText;
      field.dataset.taken = field.value;
      field.dispatchEvent(new Event("change", { bubbles: true }));
      return;
    }
    const atEnd = field.selectionStart === field.value.length;
    const justTaken = field.dataset.taken !== undefined && field.value === field.dataset.taken;
    if (empty || justTaken || (atEnd && field.value.endsWith("\n"))) {
      event.preventDefault();
      if (!empty) {
        field.value = field.value.replace(/\n+$/, "");
        field.dispatchEvent(new Event("input", { bubbles: true }));
      }
      next(field);
    }
    return; // Enter inside the text: a new paragraph
  }
  event.preventDefault(); // a one-line field or a choice: the suggestion if empty, then on
  if (field.tagName === "INPUT" && !field.value.trim() && field.placeholder && field.dataset.suggest !== undefined) {
    field.value = field.placeholder;
  }
  if (field.tagName !== "TEXTAREA") field.dispatchEvent(new Event("change", { bubbles: true })); // taken as it stands
  next(field);
});

document.addEventListener("htmx:afterSettle", (event) => {
  if (!event.detail.elt || event.detail.elt.id !== "part") return;
  const wanted = JSON.parse(sessionStorage.getItem("drafter-focus") || "null");
  sessionStorage.removeItem("drafter-focus");
  if (!wanted || Date.now() - wanted.at > 5000) return;
  const slots = [...document.querySelectorAll("#part input.slot")];
  if (wanted.swap === "children") {
    focusAt(document.querySelector("#part .child textarea") || walk()[walk().length - 1]);
  } else if (wanted.swap === "phrase") { // the phrase taken: its blanks, else Enter once more goes on
    const box = document.querySelector("#part textarea[data-walk]");
    if (box) box.dataset.taken = box.value;
    focusAt(slots[0] || box);
  } else if (wanted.swap === "material") { // then the body, as the wizard asks it next
    focusAt(document.querySelector("#part textarea[data-walk]"));
  } else if (wanted.swap === "inserted") {
    if (slots.length) focusAt(slots[0]);
  } else if (wanted.swap === "slot") {
    if (slots[wanted.index]) focusAt(slots[wanted.index]);
    else if (slots.length) focusAt(slots[slots.length - 1]);
    else focusAt(document.querySelector("#next-part"));
  }
});

// The first field of a part has the focus when the page opens, as the wizard's first question has.
document.addEventListener("DOMContentLoaded", () => {
  if (document.activeElement === document.body) focusAt(walk()[0]);
});

// The phrase picker puts a phrase where the clerk was writing: the last body or sub-heading's text they were in.
document.addEventListener("focusin", (event) => {
  const box = event.target;
  const target = document.querySelector("#picker-target");
  if (!target || target.tagName !== "SELECT" || box.tagName !== "TEXTAREA") return;
  const name = (box.getAttribute("hx-vals") || "").match(/"name": "([^"]+\.body)"/);
  if (name && [...target.options].some((option) => option.value === name[1])) target.value = name[1];
});

// A phrase put in from the picker: its first blank has the focus.
document.addEventListener("click", (event) => {
  if (event.target.closest("#found button.phrase")) after("inserted", {});
});

// The phrases found are shown where the clerk can see them.
document.addEventListener("htmx:afterSwap", (event) => {
  if (event.detail.target && event.detail.target.id === "found") {
    event.detail.target.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }
});

window.addEventListener("pageshow", () => { leaving = false; }); // a page the browser kept for Back is idle again

// --- file fields: a button and the chosen file's name in Chinese, the browser's own input kept underneath ----------

function chooser(input) {
  input.classList.add("file-native");
  const button = document.createElement("span");
  button.className = "button file-button";
  button.textContent = "选择文件……";
  const chosen = document.createElement("span");
  chosen.className = "file-chosen";
  const show = () => { chosen.textContent = input.files && input.files.length ? input.files[0].name : "还没有选择文件"; };
  input.addEventListener("change", show);
  input.after(button, chosen);
  show();
}

document.addEventListener("DOMContentLoaded", () => document.querySelectorAll("input[type=file]").forEach(chooser));
