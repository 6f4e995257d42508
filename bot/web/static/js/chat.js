// The resident chat: talks to the Rasa server's REST channel.
//
// Safety rules: everything the assistant or the resident says is shown as text
// (never parsed as HTML); phone numbers and email addresses become tel:/mailto:
// links built with the DOM. The conversation (sender id and messages) is kept in
// this browser for the session expiry, so a reload carries on; Start again and
// Exit this page clear it.
//
// Focus: after a reply, focus goes where the resident was answering. Someone
// who typed stays in the message box; someone who pressed a choice is put on the
// first of the new choices, or in the message box when the new question has
// none. Start now and Start again put it on the conversation itself. It never falls to the page, and on a phone a tap on a
// choice does not pop up the keyboard over the new question.

export const STORAGE_KEY = "community-trigger-chat";
const EXPIRY_MS = 2 * 60 * 60 * 1000; // the assistant's session expiry
const TIMEOUT_MS = 30000;
const START_PAYLOAD = "/greet"; // asks the assistant for its greeting and first question
const LINKS = /(\b\d{3}\s?\d{4}\s?\d{4}\b|\b0\d{4}\s?\d{6}\b|\b0\d{3}\s?\d{3}\s?\d{4}\b|\b999\b|\b101\b|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+)/g;

function newSender() {
  const bytes = new Uint8Array(12);
  window.crypto.getRandomValues(bytes);
  return "web-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function fresh() {
  return { sender: newSender(), savedAt: Date.now(), messages: [] };
}

// The saved conversation, and whether an older one was found and cleared.
function load() {
  try {
    const saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null");
    if (saved && saved.sender && Array.isArray(saved.messages)) {
      if (Date.now() - saved.savedAt < EXPIRY_MS) {
        return { state: saved, expired: false };
      }
      window.localStorage.removeItem(STORAGE_KEY);
      return { state: fresh(), expired: saved.messages.length > 0 };
    }
  } catch (error) {
    // unreadable or unavailable storage: start afresh
  }
  return { state: fresh(), expired: false };
}

function save(state) {
  state.savedAt = Date.now();
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch (error) {
    // storage full or unavailable: the conversation still works, it just won't survive a reload
  }
}

export function forget() {
  try {
    window.localStorage.removeItem(STORAGE_KEY);
    window.sessionStorage.clear();
  } catch (error) {
    // storage can be unavailable (private browsing): nothing to clear
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

// How far down the screen content starts: below the sticky Exit this page button when that
// button would cover `element` (once the page scrolls, the button sticks to the top).
function clearTop(element) {
  const exit = document.getElementById("exit-this-page");
  let clear = 8;
  if (exit) {
    const bar = exit.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    if (bar.left < box.right && bar.right > box.left) {
      clear += exit.offsetHeight;
    }
  }
  return clear;
}

// Where to start showing a reply: at its first message when all of it fits, otherwise so that
// the newest message (the question, with its choices) is whole on the screen with as much of
// what came before it as fits.
function startOf(firstTop, lastTop, lastBottom, room) {
  if (lastBottom - firstTop <= room) {
    return firstTop;
  }
  return lastBottom - lastTop <= room ? lastBottom - room : lastTop;
}

// Brings a reply (its first and last new messages) into view: inside the conversation box
// (a scroll box of its own on wide screens), then on the page.
function reveal(first, last, scroller) {
  if (scroller.scrollHeight > scroller.clientHeight) {
    const room = scroller.clientHeight - 16;
    scroller.scrollTop = Math.max(0, startOf(first.offsetTop, last.offsetTop,
                                             last.offsetTop + last.offsetHeight, room) - 8);
  }
  const clear = clearTop(first);
  const room = window.innerHeight - clear - 8;
  const a = first.getBoundingClientRect();
  const b = last.getBoundingClientRect();
  const start = startOf(a.top, b.top, b.bottom, room);
  if (start < clear || b.bottom > window.innerHeight) {
    window.scrollBy(0, start - clear);
  }
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
  const typing = section.querySelector("#chat-typing");
  const error = section.querySelector("#chat-error");
  const retry = section.querySelector("#chat-retry");
  const restart = section.querySelector("#chat-restart");
  const confirm = section.querySelector("#chat-restart-confirm");
  const status = section.querySelector("#chat-status");
  const loaded = load();
  let state = loaded.state;
  let pending = null; // { text, display, how } of a message that failed to send
  let busy = false; // a message is on its way: Send and the choices do nothing more until it is answered

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
        choice.addEventListener("click", () => deliver(button.payload, button.title, "button"));
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
    const items = messages.map((message, offset) => render(message, start + offset));
    log.append(...items);
    save(state);
    return items;
  }

  function announce(text) {
    // emptied first, so the same words said twice are announced twice
    status.textContent = "";
    status.hidden = !text;
    window.setTimeout(() => {
      status.textContent = text;
    }, 50);
  }

  function refreshCount() {
    // GOV.UK's character count listens for input events
    input.dispatchEvent(new Event("input", { bubbles: true }));
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
    input.setAttribute("aria-describedby", message ? "chat-input-error chat-input-info" : "chat-input-info");
  }

  function setBusy(value) {
    busy = value;
    typing.hidden = !value;
    if (value) {
      form.setAttribute("aria-busy", "true");
    } else {
      form.removeAttribute("aria-busy");
    }
  }

  function placeFocus(items, how) {
    const newest = items.filter((item) => item.classList.contains("app-chat__message--assistant"));
    if (newest.length && how !== "start") {
      reveal(newest[0], newest[newest.length - 1], scroller);
    }
    if (how === "typed") {
      input.focus({ preventScroll: true });
    } else if (how === "button") {
      const choice = log.querySelector(".app-chat__replies button");
      (choice || input).focus({ preventScroll: true });
    }
    // "start" (the greeting on landing): focus stays where it is
  }

  // Sends `text` (shown as `display`); `how` is "typed", "button" or "start".
  async function deliver(text, display, how) {
    if (busy) {
      return;
    }
    if (!text.trim()) {
      showInputError("Type a message, or choose one of the buttons");
      input.focus();
      return;
    }
    if ([...text].length > maxLength) {
      showInputError(`Your message must be ${maxLength} characters or fewer`);
      input.focus();
      return;
    }
    showInputError("");
    error.hidden = true;
    setBusy(true);
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
      const messages = how === "start" ? [] : [{ from: "resident", text: display, time: now }];
      for (const reply of replies) {
        if (reply.text || (reply.buttons && reply.buttons.length)) {
          messages.push({ from: "assistant", text: reply.text || "", buttons: reply.buttons || [], time: now });
        }
      }
      pending = null;
      if (how === "typed" && (input.value.trim() === text || input.value.trim() === display)) {
        input.value = "";
        refreshCount();
      }
      setBusy(false);
      placeFocus(appendMessages(messages), how);
    } catch (failure) {
      // Keep what they typed; say what happened and how else to get help.
      pending = { text, display, how };
      setBusy(false);
      error.hidden = false;
      if (how !== "start") {
        error.focus(); // not on landing: the page has only just opened
      }
    } finally {
      window.clearTimeout(timer);
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    deliver(text, text, "typed");
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      if (!event.repeat) {
        form.requestSubmit();
      }
    }
  });
  input.addEventListener("input", () => {
    if ([...input.value].length <= maxLength) {
      showInputError("");
    }
  });
  retry.addEventListener("click", () => {
    const again = pending || { text: input.value.trim(), display: input.value.trim(), how: "typed" };
    deliver(again.text, again.display, again.how);
  });

  // Start again: asked first, then cleared, and said.
  restart.addEventListener("click", () => {
    confirm.hidden = false;
    confirm.focus();
  });
  section.querySelector("#chat-restart-no").addEventListener("click", () => {
    confirm.hidden = true;
    restart.focus();
  });
  section.querySelector("#chat-restart-yes").addEventListener("click", async () => {
    confirm.hidden = true;
    forget();
    state = fresh();
    pending = null;
    error.hidden = true;
    input.value = "";
    refreshCount();
    redraw();
    announce("You have started again. The earlier conversation has been cleared from this device.");
    await deliver(START_PAYLOAD, "", "start");
    scroller.focus(); // the new conversation, from its start, as Start now does
  });

  // "Start now" near the top of the page: straight to the conversation.
  const startNow = document.getElementById("start-now");
  if (startNow) {
    startNow.addEventListener("click", (event) => {
      event.preventDefault();
      scroller.focus({ preventScroll: true });
      const heading = section.querySelector("#chat-heading");
      window.scrollBy(0, heading.getBoundingClientRect().top - clearTop(heading));
    });
  }

  redraw();
  if (loaded.expired) {
    announce("Your earlier conversation was cleared from this device because it was more than 2 hours old. "
             + "We do this for your safety, in case someone else uses this device.");
  }
  if (!state.messages.length) {
    deliver(START_PAYLOAD, "", "start");
  }
}

// Called when Exit this page fires: nothing of the conversation stays on the page or the device.
export function clearChat(section) {
  forget();
  const log = section.querySelector("#chat-log");
  const input = section.querySelector("#chat-input");
  if (log) {
    log.replaceChildren();
  }
  if (input) {
    input.value = "";
  }
}
