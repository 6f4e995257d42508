// "Exit this page" is GOV.UK Frontend's own component (attached with
// data-module="govuk-exit-this-page"): it counts Shift presses with no other key
// between them, handles the button and the skip link, and puts up its overlay by
// adding a class to <body> before it leaves. When that class appears, this clears
// the conversation from the page and the device, so going Back shows nothing of it.
import { clearChat } from "./chat.js";

const HIDING = "govuk-exit-this-page-hide-content";

export function clearOnExit(section) {
  let cleared = false;
  const observer = new MutationObserver(() => {
    if (!cleared && document.body.classList.contains(HIDING)) {
      cleared = true;
      clearChat(section);
    }
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ["class"] });
  // Back to this page from the neutral site (restored from the browser's cache): start afresh.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && cleared) {
      window.location.reload();
    }
  });
}
