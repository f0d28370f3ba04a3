/*
 * Clinicai web chat widget. Embed with one tag:
 *   <script src="https://API/widget/chat.js" data-api="https://API" data-lang="ru|kk"></script>
 * data-api defaults to the script's own origin; data-lang to ru. No framework, no external resources:
 * the widget lives in a shadow root, so the host page's styles and ours never mix.
 */
(function () {
  "use strict";
  if (window.__clinicaiChat) { return; }
  window.__clinicaiChat = true;

  var script = document.currentScript;
  // Without data-api: wherever the script came from (a stage path included).
  var api = ((script && script.getAttribute("data-api"))
    || (script && script.src ? script.src.replace(/\/widget\/chat\.js([?#].*)?$/, "") : location.origin)).replace(/\/+$/, "");
  var lang = script && script.getAttribute("data-lang") === "kk" ? "kk" : "ru";
  var CSS = "__CHAT_CSS__";
  var STORAGE_KEY = "clinicai-chat-token";
  var HISTORY_KEY = "clinicai-chat-history";
  var FAST_POLL_MS = 1000, SLOW_POLL_MS = 10000, WAIT_WINDOW_MS = 60000, MAX_LENGTH = 2000;

  var TEXT = {
    ru: { open: "Открыть чат", close: "Закрыть чат", title: "Онлайн-консультант", placeholder: "Напишите сообщение…",
      send: "Отправить", operator: "Позвать оператора", operatorCalled: "Оператор вызван", input: "Сообщение",
      list: "Сообщения чата", typing: "Печатает…", unread: "непрочитанных сообщений", you: "Вы", GPT: "Ассистент",
      OPERATOR: "Оператор", error: "Не удалось отправить. Попробуйте ещё раз.", tooMany: "Слишком часто. Подождите немного.",
      tooLong: "Сообщение слишком длинное." },
    kk: { open: "Чатты ашу", close: "Чатты жабу", title: "Онлайн-кеңесші", placeholder: "Хабарлама жазыңыз…",
      send: "Жіберу", operator: "Операторды шақыру", operatorCalled: "Оператор шақырылды", input: "Хабарлама",
      list: "Чат хабарламалары", typing: "Жазып жатыр…", unread: "оқылмаған хабарлама", you: "Сіз", GPT: "Көмекші",
      OPERATOR: "Оператор", error: "Жіберу мүмкін болмады. Қайталап көріңіз.", tooMany: "Тым жиі. Біраз күтіңіз.",
      tooLong: "Хабарлама тым ұзын." }
  }[lang];

  function newToken() {
    var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    var bytes = new Uint8Array(32);
    crypto.getRandomValues(bytes);
    var token = "";
    for (var i = 0; i < bytes.length; i++) { token += alphabet[bytes[i] & 63]; }
    return token;
  }
  function storage(key, value) {
    try {
      if (value === undefined) { return localStorage.getItem(key); }
      localStorage.setItem(key, value);
    } catch (e) { /* private mode: the chat still works for this page view */ }
    return value;
  }
  var token = storage(STORAGE_KEY);
  if (!token || !/^[A-Za-z0-9_-]{16,128}$/.test(token)) { token = storage(STORAGE_KEY, newToken()) || newToken(); }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var name in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, name)) { node.setAttribute(name, attrs[name]); } }
    if (text) { node.textContent = text; }
    return node;
  }

  var host = el("div", { id: "clinicai-chat", "data-testid": "chat-root" });
  document.body.appendChild(host);
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  root.appendChild(el("style", {}, CSS));

  var launcher = el("button", { type: "button", "class": "cw-launcher", id: "chat-open", "data-testid": "chat-open",
    "aria-label": TEXT.open, "aria-expanded": "false", "aria-controls": "chat-panel" });
  // An inline icon, not an emoji: many systems (and headless browsers) have no colour emoji font.
  var SVG_NS = "http://www.w3.org/2000/svg";
  var icon = document.createElementNS(SVG_NS, "svg");
  icon.setAttribute("viewBox", "0 0 24 24");
  icon.setAttribute("width", "26");
  icon.setAttribute("height", "26");
  icon.setAttribute("aria-hidden", "true");
  var bubble = document.createElementNS(SVG_NS, "path");
  bubble.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z");
  bubble.setAttribute("fill", "currentColor");
  icon.appendChild(bubble);
  launcher.appendChild(icon);
  var badge = el("span", { "class": "cw-badge", "data-testid": "chat-badge", hidden: "" });
  launcher.appendChild(badge);
  var panel = el("section", { "class": "cw-panel", id: "chat-panel", "data-testid": "chat-panel", role: "dialog",
    "aria-label": TEXT.title, hidden: "" });
  var header = el("div", { "class": "cw-header" });
  header.appendChild(el("span", { "class": "cw-title" }, TEXT.title));
  var closeButton = el("button", { type: "button", "class": "cw-close", "data-testid": "chat-close", "aria-label": TEXT.close }, "×");
  header.appendChild(closeButton);
  var list = el("div", { "class": "cw-list", "data-testid": "chat-messages", role: "log", "aria-live": "polite", "aria-label": TEXT.list });
  var typing = el("div", { "class": "cw-typing", "data-testid": "chat-typing", hidden: "" }, TEXT.typing);
  var error = el("div", { "class": "cw-error", "data-testid": "chat-error", role: "alert" });
  var form = el("form", { "class": "cw-form" });
  var input = el("textarea", { "class": "cw-input", id: "chat-input", "data-testid": "chat-input", rows: "1",
    maxlength: String(MAX_LENGTH), placeholder: TEXT.placeholder, "aria-label": TEXT.input });
  var send = el("button", { type: "submit", "class": "cw-send", "data-testid": "chat-send", "aria-label": TEXT.send }, "➤");
  var operatorButton = el("button", { type: "button", "class": "cw-operator", "data-testid": "chat-operator" }, TEXT.operator);
  form.appendChild(input);
  form.appendChild(send);
  panel.appendChild(header);
  panel.appendChild(list);
  list.appendChild(typing);
  panel.appendChild(error);
  panel.appendChild(form);
  panel.appendChild(operatorButton);
  root.appendChild(panel);
  root.appendChild(launcher);

  var history = [];
  try { history = JSON.parse(storage(HISTORY_KEY) || "[]").slice(-100); } catch (e) { history = []; }
  var unread = 0, open = false, waitingUntil = 0, pollTimer = null, idleDelay = FAST_POLL_MS, polling = false;

  function render(message, remember) {
    var node = el("div", { "class": "cw-msg", "data-testid": "chat-message", "data-user": message.user });
    if (message.user === "GPT" || message.user === "OPERATOR") {
      node.appendChild(el("span", { "class": "cw-who" }, TEXT[message.user]));
    }
    node.appendChild(document.createTextNode(message.message));
    list.insertBefore(node, typing);
    list.scrollTop = list.scrollHeight;
    if (remember) {
      history.push(message);
      storage(HISTORY_KEY, JSON.stringify(history.slice(-100)));
    }
  }
  history.forEach(function (m) { render(m, false); });

  function setUnread(count) {
    unread = count;
    badge.textContent = count > 99 ? "99+" : String(count);
    if (count > 0) { badge.removeAttribute("hidden"); } else { badge.setAttribute("hidden", ""); }
    launcher.setAttribute("aria-label", count > 0 ? TEXT.open + " (" + count + " " + TEXT.unread + ")" : TEXT.open);
  }

  function request(method, path, body) {
    var options = { method: method, headers: { "chat-token": token } };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(api + path, options);
  }

  function schedule(delay) {
    clearTimeout(pollTimer);
    if (document.hidden) { return; }
    pollTimer = setTimeout(poll, delay);
  }

  // 1 s while a reply is expected, then doubling up to 10 s while idle; hidden tabs do not poll at all.
  function poll() {
    if (polling) { return; }
    polling = true;
    request("GET", "/message/").then(function (response) {
      return response.ok ? response.json() : { messages: [] };
    }).then(function (data) {
      var messages = (data && data.messages) || [];
      messages.forEach(function (m) { render(m, true); });
      if (messages.length > 0) {
        if (messages.some(function (m) { return m.user === "GPT" || m.user === "OPERATOR"; })) { typing.setAttribute("hidden", ""); }
        if (!open) { setUnread(unread + messages.length); }
        idleDelay = FAST_POLL_MS;
        waitingUntil = Math.max(waitingUntil, Date.now() + 5000);
      }
    }).catch(function () { /* offline: try again later */ }).then(function () {
      polling = false;
      if (Date.now() < waitingUntil) {
        schedule(FAST_POLL_MS);
      } else {
        typing.setAttribute("hidden", "");
        idleDelay = Math.min(SLOW_POLL_MS, idleDelay * 2);
        schedule(idleDelay);
      }
    });
  }

  function expectReply() {
    waitingUntil = Date.now() + WAIT_WINDOW_MS;
    idleDelay = FAST_POLL_MS;
    schedule(FAST_POLL_MS);
  }

  function showError(response) {
    error.textContent = response && response.status === 429 ? TEXT.tooMany : TEXT.error;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    if (text.length > MAX_LENGTH) { error.textContent = TEXT.tooLong; return; }
    send.disabled = true;
    error.textContent = "";
    request("POST", "/gpt/", { message: text }).then(function (response) {
      if (response.status !== 201) { showError(response); return; }
      input.value = "";
      render({ message: text, user: "VISITOR", date_create: new Date().toISOString() }, true);
      typing.removeAttribute("hidden");
      list.scrollTop = list.scrollHeight;
      expectReply();
    }).catch(function () { showError(null); }).then(function () { send.disabled = false; input.focus(); });
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });

  operatorButton.addEventListener("click", function () {
    operatorButton.disabled = true;
    error.textContent = "";
    request("POST", "/operator/", {}).then(function (response) {
      if (response.status !== 202) { showError(response); operatorButton.disabled = false; return; }
      operatorButton.textContent = TEXT.operatorCalled;
      expectReply();
    }).catch(function () { showError(null); operatorButton.disabled = false; });
  });

  function toggle(show) {
    open = show;
    if (show) { panel.removeAttribute("hidden"); setUnread(0); input.focus(); expectReply(); }
    else { panel.setAttribute("hidden", ""); launcher.focus(); }
    launcher.setAttribute("aria-expanded", String(show));
  }
  launcher.addEventListener("click", function () { toggle(!open); });
  closeButton.addEventListener("click", function () { toggle(false); });
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") { toggle(false); } });

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) { clearTimeout(pollTimer); } else { idleDelay = FAST_POLL_MS; schedule(0); }
  });
  schedule(0);
})();
