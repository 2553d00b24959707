// The documentation on the site: docs/*.md as small HTML pages under
// docs/ of the build (docs/science.md -> docs/science.html), so the
// playground's explanations and the tour can link to the exact passage they
// come from, offline too (the service worker caches them with the rest).
// Headings get GitHub's anchors (lower case, punctuation dropped, spaces to
// hyphens), so docs/science.html#capacity-of-a-pattern-sequence is the same
// passage as docs/science.md#capacity-of-a-pattern-sequence in the repository.
// A small Markdown subset, the one the docs use: headings, paragraphs,
// lists, tables, code, emphasis, links. Links between docs become .html
// links; a link or image outside docs/ (README, results) is named with its
// repository path, as the site does not ship it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** GitHub's heading anchor of a heading's plain text. */
export function slug(text) {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** A heading's plain text: code marks, emphasis and link targets dropped. */
const plain = (text) =>
  text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*]/g, '').replace(/\s+/g, ' ');

/** A link target as the site has it: docs pages as .html, anchors kept; null: not on the site. */
function target(href, pages) {
  if (/^(https?:|mailto:)/.test(href)) return href;
  if (href.startsWith('#')) return href;
  const [path, anchor] = href.split('#');
  if (pages.has(path)) return path.replace(/\.md$/, '.html') + (anchor !== undefined ? `#${anchor}` : '');
  return null;
}

function inline(text, pages) {
  const codes = [];
  let out = escape(text).replace(/`([^`]+)`/g, (_, code) => `\u0000${codes.push(code) - 1}\u0000`);
  out = out.replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (_, alt, src) => `<em>[figure: ${alt}; in the repository at <code>${src}</code>]</em>`);
  out = out.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label, href) => {
    const to = target(href.replace(/&amp;/g, '&'), pages);
    return to === null ? `${label} (<code>${href}</code> in the repository)` : `<a href="${escape(to)}">${label}</a>`;
  });
  out = out.replace(/\*\*([^*\s](?:[^*]*[^*\s])?)\*\*/g, '<strong>$1</strong>');
  out = out.replace(/(^|[\s(])\*([^*\s](?:[^*]*[^*\s])?)\*(?=[\s).,;:]|$)/g, '$1<em>$2</em>');
  return out.replace(/\u0000(\d+)\u0000/g, (_, i) => `<code>${codes[i]}</code>`); // already escaped
}

const item = /^(\s*)([-*]|\d+\.)\s+/;
const indentOf = (line) => line.match(/^\s*/)[0].length;

/** Blocks of Markdown lines as HTML; ids collects the page's anchors. */
function blocks(lines, pages, ids) {
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = line.match(/^\s*```/);
    if (fence) {
      const code = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i]); i++) code.push(lines[i]);
      i++;
      out.push(`<pre><code>${escape(code.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = line.match(/^(#{1,6})\s+(.*)$/);
    if (heading) {
      const level = heading[1].length;
      let id = slug(plain(heading[2]));
      for (let k = 1; ids.has(id); k++) id = `${slug(plain(heading[2]))}-${k}`;
      ids.add(id);
      out.push(`<h${level} id="${escape(id)}">${inline(heading[2], pages)}</h${level}>`);
      i++;
      continue;
    }
    if (indentOf(line) >= 4) {
      const code = [];
      while (i < lines.length && (indentOf(lines[i]) >= 4 || lines[i].trim() === '')) code.push(lines[i++].slice(4));
      while (code.length && code.at(-1).trim() === '') code.pop();
      out.push(`<pre><code>${escape(code.join('\n'))}</code></pre>`);
      continue;
    }
    if (line.startsWith('|') && /^\|?[\s:|-]+\|?$/.test(lines[i + 1] ?? '') && lines[i + 1].includes('-')) {
      const cells = (row) => row.trim().replace(/^\||\|$/g, '').split('|').map((cell) => inline(cell.trim(), pages));
      const head = cells(line);
      const rows = [];
      for (i += 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(cells(lines[i]));
      out.push(
        `<table><thead><tr>${head.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>` +
          rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('') +
          '</tbody></table>',
      );
      continue;
    }
    if (line.startsWith('>')) {
      const quote = [];
      while (i < lines.length && lines[i].startsWith('>')) quote.push(lines[i++].replace(/^>\s?/, ''));
      out.push(`<blockquote>${blocks(quote, pages, ids)}</blockquote>`);
      continue;
    }
    const marker = line.match(item);
    if (marker) {
      const base = marker[1].length;
      const ordered = /\d/.test(marker[2]);
      const items = [];
      while (i < lines.length) {
        const here = lines[i];
        const m = here.match(item);
        if (m && m[1].length === base) items.push([here.slice(m[0].length)]);
        else if (here.trim() === '' && (lines[i + 1] ?? '').match(item)?.[1].length === base) {
          i++;
          continue;
        } else if (here.trim() !== '' && indentOf(here) > base) items.at(-1).push(here.slice(Math.min(indentOf(here), base + 2)));
        else if (here.trim() !== '' && !m && indentOf(here) === base && !here.startsWith('|') && !here.startsWith('#')) items.at(-1).push(here.trim());
        else break;
        i++;
      }
      const body = (text) => {
        const nested = text.findIndex((l, k) => k > 0 && (item.test(l) || /^\s*```/.test(l)));
        if (nested < 0) return inline(text.map((l) => l.trim()).join(' '), pages);
        return inline(text.slice(0, nested).map((l) => l.trim()).join(' '), pages) + blocks(text.slice(nested), pages, ids);
      };
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>${items.map((text) => `<li>${body(text)}</li>`).join('')}</${tag}>`);
      continue;
    }
    const paragraph = [];
    while (
      i < lines.length &&
      lines[i].trim() !== '' &&
      !/^(#{1,6}\s|\s*```|>)/.test(lines[i]) &&
      !(paragraph.length && (item.test(lines[i]) || lines[i].startsWith('|')))
    )
      paragraph.push(lines[i++].trim());
    out.push(`<p>${inline(paragraph.join(' '), pages)}</p>`);
  }
  return out.join('\n');
}

const style = `
:root { color-scheme: light dark; --bg: #f6f6f4; --text: #1d1f23; --muted: #50555d; --line: #d9dbdf; --accent: #1a5aa6; --code-bg: #eef0f2; }
@media (prefers-color-scheme: dark) { :root { --bg: #121417; --text: #e6e8eb; --muted: #aeb4bc; --line: #30343a; --accent: #8bb8ee; --code-bg: #23272d; } }
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; line-height: 1.5; color: var(--text); background: var(--bg); max-width: 50rem; margin: 0 auto; padding: 0 1rem 2rem; }
a { color: var(--accent); }
nav { font-size: 0.875rem; border-bottom: 1px solid var(--line); padding: 0.6rem 0; display: flex; flex-wrap: wrap; gap: 0.3rem 0.9rem; }
code { background: var(--code-bg); padding: 0 0.2em; border-radius: 3px; font-size: 0.9em; }
pre { background: var(--code-bg); padding: 0.6rem; overflow: auto; }
pre code { padding: 0; background: none; }
table { border-collapse: collapse; display: block; overflow: auto; font-size: 0.875rem; }
td, th { border: 1px solid var(--line); padding: 0.2rem 0.4rem; vertical-align: top; }
:target { background: var(--code-bg); outline: 2px solid var(--accent); outline-offset: 2px; }
`;

/** Every page of a docs folder: [{file: 'science.html', html, ids}], ids the page's anchors. */
export function docsPages(dir) {
  const names = readdirSync(dir).filter((name) => name.endsWith('.md')).sort();
  const pages = new Set(names);
  return names.map((name) => {
    const ids = new Set();
    const body = blocks(readFileSync(join(dir, name), 'utf8').split(/\r?\n/), pages, ids);
    const title = readFileSync(join(dir, name), 'utf8').match(/^#\s+(.*)$/m)?.[1] ?? name;
    const links = names.map((other) => `<a href="${other.replace(/\.md$/, '.html')}">${other.replace(/\.md$/, '')}</a>`).join(' ');
    const html =
      `<!doctype html>\n<html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />` +
      `<title>${escape(plain(title))}: damlab docs</title><link rel="icon" href="data:," /><style>${style}</style></head><body>` +
      `<nav aria-label="Site"><a href="../index.html">Playground</a> <a href="../tutorial.html">Guided tour</a> <span>Docs:</span> ${links}</nav>` +
      `<main>${body}</main>` +
      `<p><small>From <code>docs/${name}</code> of the damlab repository.</small></p></body></html>\n`;
    return { file: name.replace(/\.md$/, '.html'), html, ids };
  });
}
