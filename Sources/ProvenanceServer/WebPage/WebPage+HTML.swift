extension WebPage {
    /// The page's markup: a form, a status line, the code with its copied lines marked, and one
    /// card per match. Ids and classes are what `WebPage+Script.swift` and
    /// `scripts/check-web-page.sh` look for.
    static let html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Provenance: where did this code come from?</title>
        <link rel="stylesheet" href="/static/app.css">
        <script src="/static/app.js" defer></script>
        </head>
        <body>
        <header>
          <h1>Provenance</h1>
          <p>Paste or upload code to see which lines were copied from the indexed corpus, from where, and under which license.</p>
        </header>
        <main>
          <form id="check-form">
            <textarea id="code" name="code" spellcheck="false" placeholder="Paste code here" aria-label="Code to check"></textarea>
            <div class="controls">
              <label>File <input type="file" id="file"></label>
              <label>Name <input type="text" id="filename" placeholder="example.py" size="16"></label>
              <label>Language <select id="language"><option value="">from the name</option></select></label>
              <label>Min tokens <input type="number" id="min-tokens" min="1" placeholder="default" size="6"></label>
              <label>API key <input type="password" id="api-key" placeholder="if the server needs one" autocomplete="off"></label>
              <button type="submit" id="check">Check</button>
            </div>
          </form>
          <p id="status" role="status" aria-live="polite"></p>
          <section id="result" hidden>
            <h2 id="verdict"></h2>
            <div class="panes">
              <div id="code-view" class="code" aria-label="Checked code"></div>
              <ol id="matches"></ol>
            </div>
          </section>
        </main>
        <footer>Provenance <span id="version"></span>: <a href="/openapi.json">API</a> · <a href="/metrics">metrics</a></footer>
        </body>
        </html>

        """
}
