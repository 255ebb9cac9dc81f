#!/usr/bin/env python3
"""The browser half of scripts/check-web-page.sh (standard library only).

generate WORK: writes WORK/corpus/demo.py (generated Python functions) and WORK/query.py,
  which copies one of them between lines of new code, with WORK/expected.json saying where.
browse WORK URL CHROMIUM [SCREENSHOT]: drives headless Chromium over the DevTools protocol
  (--remote-debugging-pipe: JSON messages on file descriptors 3 and 4, ended by NUL), loads
  URL, pastes the query, presses Check and checks the highlighted span and its match card.
"""
import base64
import json
import os
import random
import select
import subprocess
import sys
import tempfile
import time

SYLLABLES = ["ka", "lo", "mi", "tor", "ven", "sul", "dra", "pex", "qui", "bar", "nel", "fos", "gri", "hum"]


def identifier(rng):
    return "_".join("".join(rng.choice(SYLLABLES) for _ in range(2)) for _ in range(rng.randint(2, 3)))


def function(rng, statements=12):
    params = [identifier(rng) for _ in range(rng.randint(1, 3))]
    names = list(params)
    lines = [f"def {identifier(rng)}({', '.join(params)}):"]
    for _ in range(statements):
        target, a, b, k = identifier(rng), rng.choice(names), rng.choice(names), rng.randint(2, 999)
        kind = rng.randint(0, 3)
        if kind == 0:
            lines.append(f"    {target} = {a} * {k} + {b}")
        elif kind == 1:
            lines += [f"    if {a} > {k}:", f"        {target} = {b} - {a} // {k}", "    else:", f"        {target} = [{a}, {b}, {k}]"]
        elif kind == 2:
            lines += [f"    {target} = []", f"    for item in range({k}):", f"        {target}.append(item % ({a} + 1))"]
        else:
            lines.append(f"    {target} = {identifier(rng)}({a}, {b}, limit={k})")
        names.append(target)
    lines.append(f"    return {names[-1]}")
    return lines


def generate(work):
    rng = random.Random(20240611)
    corpus = [function(rng) for _ in range(4)]
    os.makedirs(os.path.join(work, "corpus"), exist_ok=True)
    with open(os.path.join(work, "corpus", "demo.py"), "w") as file:
        file.write("\n\n\n".join("\n".join(f) for f in corpus) + "\n")
    copied = corpus[2]
    before = ["import json", "", ""] + function(rng, 3) + ["", ""]
    after = ["", ""] + function(rng, 3)
    with open(os.path.join(work, "query.py"), "w") as file:
        file.write("\n".join(before + copied + after) + "\n")
    start = len(before) + 1
    with open(os.path.join(work, "expected.json"), "w") as file:
        json.dump({"startLine": start, "endLine": start + len(copied) - 1, "text": "\n".join(copied)}, file)


class Browser:
    """One headless Chromium, spoken to over the DevTools pipe."""

    def __init__(self, chromium, profile):
        to_browser, self.out = os.pipe()
        self.inp, from_browser = os.pipe()
        # Chromium reads fd 3 and writes fd 4. Park the child's ends on high numbers first, so
        # putting them on 3 and 4 in the child never overwrites one with the other, and the
        # dup2 there makes them inheritable.
        high_read = os.dup2(to_browser, 100, inheritable=False)
        high_write = os.dup2(from_browser, 101, inheritable=False)

        def pipes_on_3_and_4():
            os.dup2(high_read, 3)
            os.dup2(high_write, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             "--no-default-browser-check", "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=pipes_on_3_and_4)
        for fd in (to_browser, from_browser, high_read, high_write):
            os.close(fd)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.out, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self.receive(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def receive(self, deadline):
        while b"\0" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self.inp], [], [], remaining)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self.inp, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def evaluate(browser, session, expression):
    result = browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, session)
    if "exceptionDetails" in result:
        raise RuntimeError(f"page script failed: {result['exceptionDetails']}")
    return result["result"].get("value")


def wait_for(browser, session, expression, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = evaluate(browser, session, expression)
        except RuntimeError:
            value = None  # the page is still navigating: its context may not exist yet
        if value:
            return value
        time.sleep(0.1)
    return None


STATE = """JSON.stringify({
  state: document.body.dataset.state || "",
  status: document.getElementById("status").textContent,
  marks: [...document.querySelectorAll("mark.copied")].map(mark => ({
    className: mark.className,
    lines: [...mark.querySelectorAll(".number")].map(cell => Number(cell.textContent)),
  })),
  cards: [...document.querySelectorAll(".match-card")].map(card => ({
    source: card.querySelector(".source").textContent,
    href: card.querySelector(".source a") ? card.querySelector(".source a").href : null,
    license: card.querySelector("dd.license").textContent,
    kind: card.querySelector("dd.kind").textContent,
    excerpt: card.querySelector("pre.source-excerpt").textContent,
    loaded: card.querySelector("pre.source-excerpt").dataset.loaded || "",
  })),
})"""


def browse(work, url, chromium, screenshot):
    """Checks the page twice in one browser: code pasted into the text area, then the
    same code uploaded through the file input (the way a person picks a file)."""
    expected = json.load(open(os.path.join(work, "expected.json")))
    query_path = os.path.join(work, "query.py")
    query = open(query_path).read()
    failures = []
    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(chromium, profile)
        try:
            for way in ("paste", "upload"):
                target = browser.send("Target.createTarget", {"url": url + "/"})["targetId"]
                session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
                browser.send("Runtime.enable", session=session)
                if not wait_for(browser, session, 'document.readyState === "complete" && (document.getElementById("language")?.options.length ?? 0) > 1', 20):
                    raise RuntimeError("the page did not load (no language list: its script did not run)")
                if way == "paste":
                    evaluate(browser, session, f"""
                        document.getElementById("code").value = {json.dumps(query)};
                        document.getElementById("filename").value = "query.py"; true""")
                else:
                    browser.send("DOM.enable", session=session)
                    root = browser.send("DOM.getDocument", {}, session)["root"]["nodeId"]
                    node = browser.send("DOM.querySelector", {"nodeId": root, "selector": "#file"}, session)["nodeId"]
                    browser.send("DOM.setFileInputFiles", {"files": [query_path], "nodeId": node}, session)
                    if not wait_for(browser, session, f'document.getElementById("code").value === {json.dumps(query)}', 10):
                        failures.append("upload: choosing the file did not load its text into the page")
                        continue
                    name = evaluate(browser, session, 'document.getElementById("filename").value')
                    if name != "query.py":
                        failures.append(f"upload: the file name field should be query.py, got {name!r}")
                evaluate(browser, session, 'document.getElementById("check").click(); true')
                if not wait_for(browser, session, '["done", "error"].includes(document.body.dataset.state)', 30):
                    raise RuntimeError(f"{way}: no answer shown within 30 s")
                state = json.loads(evaluate(browser, session, STATE))
                failures += [f"{way}: {failure}" for failure in check(state, expected)]
                errors = [event for event in browser.events if event.get("method") == "Runtime.exceptionThrown"]
                if errors:
                    failures.append(f"{way}: the page threw: {errors[0]['params']['exceptionDetails']}")
                    browser.events.clear()
                if screenshot and way == "paste":
                    browser.send("Emulation.setDeviceMetricsOverride",
                                 {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session)
                    image = browser.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session)
                    with open(screenshot, "wb") as file:
                        file.write(base64.b64decode(image["data"]))
                browser.send("Target.closeTarget", {"targetId": target})
        finally:
            browser.close()
    for failure in failures:
        print(f"check-web-page: FAIL {failure}", file=sys.stderr)
    if failures:
        return 1
    print(f"check-web-page: OK, pasted and uploaded: lines {expected['startLine']}-{expected['endLine']} highlighted, "
          f"source {state['cards'][0]['source']} linked to {state['cards'][0]['href']}, "
          f"license {state['cards'][0]['license']}, kind {state['cards'][0]['kind']}, excerpt shown")
    return 0


def check(state, expected):
    """What the page must show after checking the query: one highlighted span, one card."""
    failures = []
    if state["state"] != "done":
        return [f"the check failed in the page: {state['status']!r}"]
    lines = list(range(expected["startLine"], expected["endLine"] + 1))
    if len(state["marks"]) != 1 or state["marks"][0]["lines"] != lines:
        failures.append(f"expected one highlight over lines {lines[0]}-{lines[-1]}, got {state['marks']}")
    elif "annotate" not in state["marks"][0]["className"]:
        failures.append(f"the highlight should carry the MIT code's action annotate: {state['marks'][0]['className']}")
    if len(state["cards"]) != 1:
        return failures + [f"expected one match card, got {len(state['cards'])}"]
    card = state["cards"][0]
    if not card["source"].startswith("acme/demo/demo.py:"):
        failures.append(f"card source {card['source']!r} should name acme/demo/demo.py")
    if not (card["href"] or "").startswith("https://github.com/acme/demo/blob/"):
        failures.append(f"card source link {card['href']!r} should point at the lines on GitHub")
    if card["license"] != "MIT" and not card["license"].startswith("MIT "):
        failures.append(f"card license {card['license']!r} should be MIT")
    if card["kind"] != "exact":
        failures.append(f"card kind {card['kind']!r} should be exact")
    if card["loaded"] != "true" or card["excerpt"].strip() != expected["text"].strip():
        failures.append(f"card excerpt should be the copied function from /v1/sources, got {card['excerpt'][:120]!r}")
    return failures


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "generate":
        generate(sys.argv[2])
    elif len(sys.argv) in (5, 6) and sys.argv[1] == "browse":
        sys.exit(browse(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5] if len(sys.argv) == 6 else ""))
    else:
        sys.exit(f"usage: {sys.argv[0]} generate WORK | browse WORK URL CHROMIUM [SCREENSHOT]")
