"""`make chat`: a conversation with the assistant in the terminal, over the REST channel."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from typing import Dict, List


def send(url: str, sender: str, text: str, timeout: float = 60) -> List[Dict]:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(f"{url}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read() or b"[]")


def chat(url: str) -> None:
    sender = "terminal-" + uuid.uuid4().hex[:8]
    buttons: List[Dict] = []
    print("Type a message and press Enter. Type a button's number to choose it. Ctrl-D to leave.\n")
    while True:
        try:
            text = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return
        if not text:
            continue
        if text.isdigit() and 1 <= int(text) <= len(buttons):
            text = buttons[int(text) - 1]["payload"]
        try:
            replies = send(url, sender, text)
        except (urllib.error.URLError, OSError) as exc:
            print(f"(could not reach the assistant at {url}: {exc})")
            continue
        buttons = []
        for reply in replies:
            for line in (reply.get("text") or "").splitlines():
                print(f"bot> {line}")
            for button in reply.get("buttons") or []:
                buttons.append(button)
                print(f"     [{len(buttons)}] {button['title']}")
