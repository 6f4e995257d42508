// Every page: the GOV.UK Design System's JavaScript, then this page's own parts.
import { initAll } from "../vendor/govuk/govuk-frontend.min.js";
import { clearOnExit } from "./exit.js";
import { startChat } from "./chat.js";

document.body.classList.add("govuk-frontend-supported");
initAll();
const chat = document.getElementById("chat");
if (chat) {
  clearOnExit(chat);
  startChat(chat);
}
