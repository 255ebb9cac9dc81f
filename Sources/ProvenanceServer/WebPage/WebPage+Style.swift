extension WebPage {
    /// The page's styles: copied lines take their policy action's colour (allow green,
    /// annotate amber, block red) in the code and on their card.
    static let css = """
        :root { --allow: #d9f2df; --allow-edge: #2e8b57; --annotate: #fff1c7; --annotate-edge: #c58a00;
                --block: #fbd9d9; --block-edge: #c0392b; --line: #e5e5e5; --muted: #666; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: #1d1d1f; background: #fafafa; }
        header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 16px; }
        header h1 { margin: 16px 0 0; font-size: 24px; }
        header p, footer { color: var(--muted); }
        footer { padding: 16px; font-size: 13px; }
        textarea { width: 100%; min-height: 220px; font: 13px/1.4 ui-monospace, Menlo, Consolas, monospace;
                   padding: 8px; border: 1px solid #ccc; border-radius: 6px; tab-size: 4; }
        .controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 8px 0; }
        .controls label { display: flex; gap: 6px; align-items: center; color: #333; }
        button { font: inherit; padding: 6px 18px; border-radius: 6px; border: 1px solid #1d5fbf; background: #2670dc;
                 color: white; cursor: pointer; }
        button:disabled { opacity: .6; cursor: progress; }
        #status { min-height: 1.4em; color: var(--muted); }
        #status.error { color: var(--block-edge); }
        .panes { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; align-items: start; }
        @media (max-width: 900px) { .panes { grid-template-columns: 1fr; } }
        .code { font: 13px/1.4 ui-monospace, Menlo, Consolas, monospace; background: white; border: 1px solid var(--line);
                border-radius: 6px; overflow-x: auto; padding: 4px 0; }
        .line { display: flex; white-space: pre; }
        .line .number { flex: none; width: 4em; padding-right: 1em; text-align: right; color: #999; user-select: none; }
        .line .text { flex: 1; padding-right: 8px; }
        mark.copied { display: block; color: inherit; border-left: 4px solid; cursor: pointer; }
        mark.copied.allow { background: var(--allow); border-color: var(--allow-edge); }
        mark.copied.annotate { background: var(--annotate); border-color: var(--annotate-edge); }
        mark.copied.block { background: var(--block); border-color: var(--block-edge); }
        mark.copied.selected, .match-card.selected { outline: 2px solid #2670dc; }
        #matches { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: minmax(0, 1fr); gap: 12px; }
        .match-card { min-width: 0; background: white; border: 1px solid var(--line); border-left: 4px solid; border-radius: 6px; padding: 8px 12px; }
        .match-card.allow { border-left-color: var(--allow-edge); }
        .match-card.annotate { border-left-color: var(--annotate-edge); }
        .match-card.block { border-left-color: var(--block-edge); }
        .match-card h3 { margin: 0 0 4px; font-size: 15px; }
        .match-card .source { word-break: break-all; }
        .match-card dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 6px 0; font-size: 13px; }
        .match-card dt { color: var(--muted); }
        .match-card dd { margin: 0; }
        .badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; text-transform: uppercase; }
        .badge.allow { background: var(--allow); color: var(--allow-edge); }
        .badge.annotate { background: var(--annotate); color: #8a6100; }
        .badge.block { background: var(--block); color: var(--block-edge); }
        pre.source-excerpt { margin: 6px 0 0; max-height: 260px; overflow: auto; background: #f5f5f7; padding: 6px 8px;
                             border-radius: 4px; font-size: 12px; }
        .none { color: var(--muted); }

        """
}
