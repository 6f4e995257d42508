// "Exit this page" (GOV.UK pattern): the button, or pressing Shift three times,
// clears what this page stored, removes the conversation from the page, and
// replaces this page in the history with a neutral site, at once.
import { STORAGE_KEY } from "./chat.js";

const SHIFT_WINDOW_MS = 5000;

export function leave(url) {
  try {
    window.localStorage.removeItem(STORAGE_KEY);
    window.sessionStorage.clear();
  } catch (error) {
    // storage can be unavailable (private browsing): nothing to clear
  }
  document.body.replaceChildren();
  document.title = "";
  window.location.replace(url);
}

export function setUpQuickExit() {
  const button = document.getElementById("exit-button");
  if (!button) {
    return;
  }
  button.addEventListener("click", (event) => {
    event.preventDefault();
    leave(button.href);
  });
  let presses = [];
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Shift" || event.repeat) {
      return;
    }
    const now = Date.now();
    presses = presses.filter((time) => now - time < SHIFT_WINDOW_MS);
    presses.push(now);
    if (presses.length >= 3) {
      leave(button.href);
    }
  });
}
