/**
 * The one stylesheet of every rendered page (listing and article), embedded as a <style> element so an
 * exported file is self-contained. It is a constant on purpose: the app's CSP allows exactly this text by its
 * sha256 (RENDER_CSS_SHA256), so the preview iframe can show it without 'unsafe-inline'. Line clamps are
 * classes (nd-hl-1…6, nd-sf-1…10) rather than generated CSS for the same reason. A test checks the hash.
 */
export const RENDER_CSS = `
:root{--bg:#ffffff;--fg:#1b1d21;--muted:#5b616b;--rule:#dfe2e6;--accent:#b3261e;--badge-bg:#1b1d21;--badge-fg:#ffffff;--warn:#c2410c;--warn-bg:#fff4e5;color-scheme:light}
:root[data-theme="dark"]{--bg:#15171a;--fg:#eceef1;--muted:#a3a9b3;--rule:#2e3238;--accent:#ff8a80;--badge-bg:#eceef1;--badge-fg:#15171a;--warn:#fdba74;--warn-bg:#3a2410;color-scheme:dark}
@media (prefers-color-scheme: dark){:root[data-theme="auto"]{--bg:#15171a;--fg:#eceef1;--muted:#a3a9b3;--rule:#2e3238;--accent:#ff8a80;--badge-bg:#eceef1;--badge-fg:#15171a;--warn:#fdba74;--warn-bg:#3a2410;color-scheme:dark}}
*{box-sizing:border-box}
html,body{margin:0;background:var(--bg);color:var(--fg)}
body{font-family:Georgia,"DejaVu Serif","Times New Roman",serif;line-height:1.45;font-size:17px}
.nd-page{max-width:760px;margin:0 auto;padding:24px 20px 40px}
.nd-masthead{border-bottom:3px solid var(--fg);margin-bottom:8px;padding-bottom:6px}
.nd-publication{font-size:14px;letter-spacing:.08em;text-transform:uppercase;color:var(--muted);margin:0}
.nd-heading{font-size:30px;line-height:1.15;margin:4px 0 0}
.nd-list{list-style:none;margin:0;padding:0}
.nd-item{border-bottom:1px solid var(--rule);padding:16px 0;position:relative}
.nd-badge{display:inline-block;font-family:"DejaVu Sans",Arial,sans-serif;font-size:12px;font-weight:700;letter-spacing:.04em;text-transform:uppercase;color:var(--accent);margin:0 0 4px}
.nd-badge-livestream{background:var(--accent);color:var(--bg);padding:1px 6px;border-radius:3px}
.nd-headline{font-size:22px;line-height:1.25;margin:0 0 6px;overflow-wrap:anywhere}
.nd-headline a{color:inherit;text-decoration:none}
.nd-standfirst{margin:0 0 8px;color:var(--fg);overflow-wrap:anywhere}
.nd-meta{font-family:"DejaVu Sans",Arial,sans-serif;font-size:13px;color:var(--muted);margin:0;display:flex;flex-wrap:wrap;gap:4px 12px}
.nd-embargo{color:var(--warn);font-weight:700}
.nd-empty{color:var(--muted);padding:24px 0}
.nd-pager{font-family:"DejaVu Sans",Arial,sans-serif;font-size:13px;color:var(--muted);padding-top:12px}
.nd-clamp{display:-webkit-box;-webkit-box-orient:vertical;overflow:hidden}
.nd-hl-1{-webkit-line-clamp:1;line-clamp:1}.nd-hl-2{-webkit-line-clamp:2;line-clamp:2}.nd-hl-3{-webkit-line-clamp:3;line-clamp:3}
.nd-hl-4{-webkit-line-clamp:4;line-clamp:4}.nd-hl-5{-webkit-line-clamp:5;line-clamp:5}.nd-hl-6{-webkit-line-clamp:6;line-clamp:6}
.nd-sf-1{-webkit-line-clamp:1;line-clamp:1}.nd-sf-2{-webkit-line-clamp:2;line-clamp:2}.nd-sf-3{-webkit-line-clamp:3;line-clamp:3}
.nd-sf-4{-webkit-line-clamp:4;line-clamp:4}.nd-sf-5{-webkit-line-clamp:5;line-clamp:5}.nd-sf-6{-webkit-line-clamp:6;line-clamp:6}
.nd-sf-7{-webkit-line-clamp:7;line-clamp:7}.nd-sf-8{-webkit-line-clamp:8;line-clamp:8}.nd-sf-9{-webkit-line-clamp:9;line-clamp:9}
.nd-sf-10{-webkit-line-clamp:10;line-clamp:10}
.nd-flagged{outline:3px dashed var(--warn);outline-offset:4px;background:var(--warn-bg)}
.nd-lint{font-family:"DejaVu Sans",Arial,sans-serif;font-size:12px;font-weight:700;color:var(--warn);margin:6px 0 0}
.nd-article .nd-headline{font-size:34px;line-height:1.15}
.nd-article .nd-standfirst{font-size:20px;color:var(--muted)}
.nd-dateline{font-weight:700;text-transform:uppercase;letter-spacing:.04em}
.nd-figure{margin:16px 0}
.nd-figure img{max-width:100%;height:auto;display:block}
.nd-figure figcaption{font-family:"DejaVu Sans",Arial,sans-serif;font-size:13px;color:var(--muted);margin-top:4px}
.nd-image-missing{border:1px dashed var(--rule);padding:24px;color:var(--muted);font-family:"DejaVu Sans",Arial,sans-serif;font-size:13px}
.nd-body{margin-top:20px}
.nd-body a{color:var(--accent)}
.nd-body blockquote{border-left:3px solid var(--rule);margin:16px 0;padding:0 16px;color:var(--muted)}
.nd-body pre{background:var(--rule);padding:12px;overflow:auto;font-size:14px}
.nd-body code{font-family:"DejaVu Sans Mono",monospace;font-size:.9em}
@media (max-width:480px){body{font-size:16px}.nd-page{padding:16px 14px 32px}.nd-heading{font-size:24px}.nd-headline{font-size:19px}.nd-article .nd-headline{font-size:26px}}
@media print{.nd-flagged{outline:none;background:none}.nd-lint{display:none}}
`

/** Base64 sha256 of RENDER_CSS, as it appears in the CSP (`'sha256-…'`); verified by a test in electron/. */
export const RENDER_CSS_SHA256 = 'sha256-ZsSugI21zVZOqfbnTWiCBMJ9aVvY7sdrBt9LfjFy2pg='
