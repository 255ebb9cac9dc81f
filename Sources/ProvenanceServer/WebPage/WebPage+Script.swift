import ProvenanceCore

extension WebPage {
    /// The page's behaviour: post the code, mark each match's lines with its policy action,
    /// and fill one card per match with its source's lines from `/v1/sources`.
    ///
    /// Everything the server sends is put in the page as text (`textContent`), never as
    /// markup; links are followed only when they are http(s).
    static let javaScript = #"""
        "use strict";
        const LANGUAGES = [\#(Language.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))];
        const VERSION = "\#(ProvenanceVersion.current)";
        const KEY_STORAGE = "provenance-api-key";

        const $ = (id) => document.getElementById(id);

        function init() {
          const select = $("language");
          for (const name of LANGUAGES) {
            const option = document.createElement("option");
            option.value = name;
            option.textContent = name;
            select.append(option);
          }
          $("version").textContent = VERSION;
          $("api-key").value = sessionStorage.getItem(KEY_STORAGE) || "";
          $("file").addEventListener("change", loadFile);
          $("check-form").addEventListener("submit", (event) => {
            event.preventDefault();
            check();
          });
        }

        async function loadFile() {
          const file = $("file").files[0];
          if (!file) return;
          $("code").value = await file.text();
          $("filename").value = file.name;
          setStatus(`Loaded ${file.name} (${file.size} bytes).`);
        }

        function setStatus(text, isError = false) {
          $("status").textContent = text;
          $("status").classList.toggle("error", isError);
        }

        function requestHeaders() {
          const headers = { "Content-Type": "application/json" };
          const key = $("api-key").value.trim();
          if (key) {
            headers["Authorization"] = "Bearer " + key;
            sessionStorage.setItem(KEY_STORAGE, key);
          }
          return headers;
        }

        // Calls the API; a non-2xx answer throws with the server's error message.
        async function api(path, options) {
          const response = await fetch(path, { ...options, headers: requestHeaders() });
          let body = null;
          try {
            body = await response.json();
          } catch (_) {
            body = null;
          }
          if (!response.ok) {
            const message = body && body.error ? body.error.message : `${response.status} ${response.statusText}`;
            throw new Error(`${message} (HTTP ${response.status})`);
          }
          return body;
        }

        async function check() {
          const code = $("code").value;
          if (!code.trim()) {
            setStatus("Paste or upload some code first.", true);
            return;
          }
          const request = { code };
          const filename = $("filename").value.trim();
          if (filename) request.filename = filename;
          if ($("language").value) request.language = $("language").value;
          const minTokens = parseInt($("min-tokens").value, 10);
          if (minTokens > 0) request.minTokens = minTokens;
          $("check").disabled = true;
          document.body.dataset.state = "checking";
          setStatus("Checking…");
          try {
            const started = performance.now();
            const report = await api("/v1/attributions", { method: "POST", body: JSON.stringify(request) });
            const elapsed = Math.round(performance.now() - started);
            setStatus(`Checked ${report.tokens} tokens of ${report.language} in ${elapsed} ms.`);
            await render(code, report);
            document.body.dataset.state = "done";
          } catch (error) {
            setStatus(error.message, true);
            document.body.dataset.state = "error";
          } finally {
            $("check").disabled = false;
          }
        }

        async function render(code, report) {
          $("result").hidden = false;
          const count = report.matches.length;
          $("verdict").textContent = count === 0
            ? "No copied code found"
            : `${count} copied span${count === 1 ? "" : "s"} · verdict: ${report.verdict}`;
          renderCode(code, report.matches);
          await Promise.all(renderCards(report.matches));
        }

        // One row per line; the rows of each match are wrapped in <mark class="copied ACTION">.
        function renderCode(code, matches) {
          const view = $("code-view");
          view.replaceChildren();
          const lines = code.split("\n");
          if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
          const owner = new Array(lines.length + 1).fill(-1);
          matches.forEach((match, index) => {
            for (let line = match.query.startLine; line <= Math.min(match.query.endLine, lines.length); line++) {
              if (owner[line] < 0) owner[line] = index;
            }
          });
          let mark = null;
          lines.forEach((text, offset) => {
            const number = offset + 1;
            const row = document.createElement("div");
            row.className = "line";
            const numberCell = document.createElement("span");
            numberCell.className = "number";
            numberCell.textContent = String(number);
            const textCell = document.createElement("span");
            textCell.className = "text";
            textCell.textContent = text.replace(/\r$/, "") || " ";
            row.append(numberCell, textCell);
            const index = owner[number];
            if (index < 0) {
              mark = null;
              view.append(row);
              return;
            }
            if (!mark || mark.dataset.match !== String(index)) {
              const match = matches[index];
              mark = document.createElement("mark");
              mark.className = `copied ${match.action}`;
              mark.id = `span-${index}`;
              mark.dataset.match = String(index);
              mark.title = `${match.source.repo}/${match.source.path} (${match.source.license})`;
              mark.addEventListener("click", () => highlight(index, `card-${index}`));
              view.append(mark);
            }
            mark.append(row);
          });
        }

        // One card per match; returns the promises of their source excerpts.
        function renderCards(matches) {
          const list = $("matches");
          list.replaceChildren();
          if (matches.length === 0) {
            const item = document.createElement("li");
            item.className = "none";
            item.textContent = "Nothing in this code was found in the corpus.";
            list.append(item);
            return [];
          }
          return matches.map((match, index) => {
            const card = document.createElement("li");
            card.className = `match-card ${match.action}`;
            card.id = `card-${index}`;
            card.dataset.match = String(index);
            const title = document.createElement("h3");
            title.append(`Lines ${match.query.startLine}–${match.query.endLine} `, badge(match.action));
            const source = document.createElement("div");
            source.className = "source";
            source.append(sourceLabel(match.source, null));
            const facts = document.createElement("dl");
            const origin = match.source.licenseOrigin && match.source.licenseOrigin !== "none" ? ` (from ${match.source.licenseOrigin})` : "";
            addFact(facts, "license", match.source.license + origin, "license");
            addFact(facts, "kind", match.kind, "kind");
            addFact(facts, "size", `${match.tokens} tokens, ${match.characters} characters`);
            if (match.alsoIn > 0) addFact(facts, "also in", `${match.alsoIn} other corpus file${match.alsoIn === 1 ? "" : "s"}`);
            const excerpt = document.createElement("pre");
            excerpt.className = "source-excerpt";
            excerpt.textContent = "Loading the source…";
            card.append(title, source, facts, excerpt);
            card.addEventListener("click", (event) => {
              if (event.target.tagName !== "A") highlight(index, `span-${index}`);
            });
            list.append(card);
            return loadExcerpt(match.source, source, excerpt);
          });
        }

        async function loadExcerpt(source, label, excerpt) {
          try {
            const path = `/v1/sources/${encodeURIComponent(source.fileId)}?startLine=${source.startLine}&endLine=${source.endLine}`;
            const stored = await api(path, { method: "GET" });
            excerpt.textContent = stored.text;
            excerpt.dataset.loaded = "true";
            label.replaceChildren(sourceLabel(source, stored.link));
          } catch (error) {
            excerpt.textContent = `The source could not be loaded: ${error.message}`;
            excerpt.dataset.loaded = "error";
          }
        }

        function sourceLabel(source, link) {
          const text = `${source.repo}/${source.path}:${source.startLine}–${source.endLine}`;
          if (!link || !/^https?:\/\//.test(link)) return document.createTextNode(text);
          const anchor = document.createElement("a");
          anchor.href = link;
          anchor.target = "_blank";
          anchor.rel = "noopener noreferrer";
          anchor.textContent = text;
          return anchor;
        }

        function badge(action) {
          const element = document.createElement("span");
          element.className = `badge ${action}`;
          element.textContent = action;
          return element;
        }

        function addFact(list, name, value, className) {
          const term = document.createElement("dt");
          term.textContent = name;
          const detail = document.createElement("dd");
          detail.textContent = value;
          if (className) detail.className = className;
          list.append(term, detail);
        }

        // Marks one match's code and card, and scrolls the other one into view.
        function highlight(index, scrollTo) {
          for (const element of document.querySelectorAll(".selected")) element.classList.remove("selected");
          $(`span-${index}`)?.classList.add("selected");
          $(`card-${index}`)?.classList.add("selected");
          $(scrollTo)?.scrollIntoView({ behavior: "smooth", block: "nearest" });
        }

        document.addEventListener("DOMContentLoaded", init);

        """#
}
