// The resident chat: talks to the Rasa server's REST channel.
//
// Safety rules: everything the assistant or the resident says is shown as text
// (never parsed as HTML); phone numbers and email addresses become tel:/mailto:
// links built with the DOM. The conversation (sender id and messages) is kept in
// this browser for the session expiry, so a reload carries on; Start again and
// Exit this page clear it.

export const STORAGE_KEY = "community-trigger-chat";
const EXPIRY_MS = 2 * 60 * 60 * 1000; // the assistant's session expiry
const TIMEOUT_MS = 30000;
const LINKS = /(\b\d{3}\s?\d{4}\s?\d{4}\b|\b0\d{4}\s?\d{6}\b|\b0\d{3}\s?\d{3}\s?\d{4}\b|\b999\b|\b101\b|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+)/g;

function newSender() {
  const bytes = new Uint8Array(12);
  window.crypto.getRandomValues(bytes);
  return "web-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function load() {
  try {
    const saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null");
    if (saved && saved.sender && Date.now() - saved.savedAt < EXPIRY_MS && Array.isArray(saved.messages)) {
      return saved;
    }
  } catch (error) {
    // unreadable or unavailable storage: start afresh
  }
  return { sender: newSender(), savedAt: Date.now(), messages: [] };
}

function save(state) {
  state.savedAt = Date.now();
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch (error) {
    // storage full or unavailable: the conversation still works, it just won't survive a reload
  }
}

function clockTime(iso) {
  const date = new Date(iso);
  return date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
}

// Text with phone numbers and email addresses as links, as DOM nodes.
function linkified(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(LINKS)) {
    fragment.append(document.createTextNode(text.slice(last, match.index)));
    const link = document.createElement("a");
    link.className = "govuk-link";
    const value = match[0];
    link.href = value.includes("@") ? "mailto:" + value : "tel:" + value.replace(/\s/g, "");
    link.textContent = value;
    fragment.append(link);
    last = match.index + value.length;
  }
  fragment.append(document.createTextNode(text.slice(last)));
  return fragment;
}

// Paragraphs, with lines starting "- " as a bulleted list.
function body(text) {
  const fragment = document.createDocumentFragment();
  let list = null;
  for (const line of String(text || "").split("\n")) {
    if (line.startsWith("- ")) {
      if (!list) {
        list = document.createElement("ul");
        fragment.append(list);
      }
      const item = document.createElement("li");
      item.append(linkified(line.slice(2)));
      list.append(item);
    } else if (line.trim()) {
      list = null;
      const paragraph = document.createElement("p");
      paragraph.append(linkified(line));
      fragment.append(paragraph);
    }
  }
  return fragment;
}

export function startChat(section) {
  const rasaUrl = section.dataset.rasaUrl.replace(/\/$/, "");
  const maxLength = Number(section.dataset.maxLength) || 1000;
  const log = section.querySelector("#chat-log");
  const scroller = section.querySelector("#chat-scroll");
  const form = section.querySelector("#chat-form");
  const input = section.querySelector("#chat-input");
  const group = section.querySelector("#chat-group");
  const inputError = section.querySelector("#chat-input-error");
  const count = section.querySelector("#chat-count");
  const send = section.querySelector("#chat-send");
  const typing = section.querySelector("#chat-typing");
  const error = section.querySelector("#chat-error");
  const retry = section.querySelector("#chat-retry");
  const restart = section.querySelector("#chat-restart");
  let state = load();
  let pending = null; // { text, display } of a message that failed to send

  function render(message, index) {
    const item = document.createElement("li");
    const mine = message.from === "resident";
    item.className = "app-chat__message " + (mine ? "app-chat__message--resident" : "app-chat__message--assistant");
    const who = document.createElement("span");
    who.className = "app-chat__who";
    who.textContent = mine ? "You" : "Assistant";
    const time = document.createElement("time");
    time.className = "app-chat__time";
    time.dateTime = message.time;
    time.textContent = clockTime(message.time);
    who.append(" ", time);
    item.append(who, body(message.text));
    const isLast = index === state.messages.length - 1;
    if (!mine && isLast && message.buttons && message.buttons.length) {
      const replies = document.createElement("div");
      replies.className = "app-chat__replies";
      for (const button of message.buttons) {
        const choice = document.createElement("button");
        choice.type = "button";
        choice.className = "govuk-button govuk-button--secondary";
        choice.textContent = button.title;
        choice.addEventListener("click", () => deliver(button.payload, button.title));
        replies.append(choice);
      }
      item.append(replies);
    }
    return item;
  }

  function redraw() {
    log.replaceChildren(...state.messages.map(render));
    scroller.scrollTop = scroller.scrollHeight;
  }

  function appendMessages(messages) {
    // Quick replies only make sense on the newest message.
    const previous = log.querySelector(".app-chat__replies");
    if (previous) {
      previous.remove();
    }
    const start = state.messages.length;
    state.messages.push(...messages);
    messages.forEach((message, offset) => log.append(render(message, start + offset)));
    scroller.scrollTop = scroller.scrollHeight;
    save(state);
  }

  function showCount() {
    const length = input.value.length;
    const left = maxLength - length;
    const tooLong = left < 0;
    count.textContent = tooLong
      ? `You have ${-left} character${left === -1 ? "" : "s"} too many`
      : `You have ${left} character${left === 1 ? "" : "s"} remaining`;
    count.classList.toggle("govuk-error-message", tooLong);
    count.classList.toggle("govuk-hint", !tooLong);
    return !tooLong;
  }

  function showInputError(message) {
    inputError.hidden = !message;
    inputError.replaceChildren();
    if (message) {
      const hidden = document.createElement("span");
      hidden.className = "govuk-visually-hidden";
      hidden.textContent = "Error:";
      inputError.append(hidden, " " + message);
    }
    group.classList.toggle("govuk-form-group--error", Boolean(message));
    input.classList.toggle("govuk-textarea--error", Boolean(message));
    input.setAttribute("aria-describedby", message ? "chat-input-error chat-count" : "chat-count");
  }

  async function deliver(text, display) {
    if (!text.trim()) {
      showInputError("Type a message, or choose one of the buttons");
      input.focus();
      return;
    }
    if (text.length > maxLength) {
      showInputError(`Your message must be ${maxLength} characters or fewer`);
      input.focus();
      return;
    }
    showInputError("");
    error.hidden = true;
    send.disabled = true;
    typing.hidden = false;
    const controller = new AbortController();
    const timer = window.setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(rasaUrl + "/webhooks/rest/webhook", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: state.sender, message: text }),
        signal: controller.signal,
      });
      if (!response.ok) {
        throw new Error("status " + response.status);
      }
      const replies = await response.json();
      const now = new Date().toISOString();
      const messages = [{ from: "resident", text: display, time: now }];
      for (const reply of replies) {
        if (reply.text || (reply.buttons && reply.buttons.length)) {
          messages.push({ from: "assistant", text: reply.text || "", buttons: reply.buttons || [], time: now });
        }
      }
      pending = null;
      if (input.value === text || input.value === display) {
        input.value = "";
        showCount();
      }
      appendMessages(messages);
    } catch (failure) {
      // Keep what they typed; say what happened and how else to get help.
      pending = { text, display };
      if (!input.value) {
        input.value = display === text ? text : input.value;
      }
      showCount();
      error.hidden = false;
      error.focus();
    } finally {
      window.clearTimeout(timer);
      typing.hidden = true;
      send.disabled = false;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    deliver(text, text).then(() => input.focus());
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener("input", () => {
    showCount();
    if (input.value.length <= maxLength) {
      showInputError("");
    }
  });
  retry.addEventListener("click", () => {
    const again = pending || { text: input.value.trim(), display: input.value.trim() };
    deliver(again.text, again.display).then(() => input.focus());
  });
  restart.addEventListener("click", () => {
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      // nothing stored
    }
    state = { sender: newSender(), savedAt: Date.now(), messages: [] };
    pending = null;
    error.hidden = true;
    input.value = "";
    showCount();
    redraw();
    input.focus();
  });

  showCount();
  redraw();
}
