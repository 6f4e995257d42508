// Every page: the GOV.UK Design System's JavaScript, then this page's own parts.
import { initAll } from "../vendor/govuk/govuk-frontend.min.js";
import { setUpQuickExit } from "./exit.js";
import { startChat } from "./chat.js";

document.body.classList.add("govuk-frontend-supported");
initAll();
setUpQuickExit();
const chat = document.getElementById("chat");
if (chat) {
  startChat(chat);
}
