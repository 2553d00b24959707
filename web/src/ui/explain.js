// The explanation beside each view (texts: ../explanations.js): a
// <details> under the view's lead text, so it opens and closes with the
// keyboard as any disclosure does. Closed at first (one line: the figure
// stays in view, on a phone too); opening or closing one does the same to
// every view's, and the reader's choice is kept (localStorage). Hidden in
// an embed (style.css).
import { explanations } from '../explanations.js';

const key = 'damlab-explain-open';

function remembered() {
  try {
    const value = localStorage.getItem(key);
    return value === null ? null : value === '1';
  } catch {
    return null; // storage blocked: the default applies
  }
}

function remember(open) {
  try {
    localStorage.setItem(key, open ? '1' : '0');
  } catch {
    // storage blocked: nothing to keep
  }
}

/** One explanation as a <details class="explain" data-explain="view">. */
export function explanationElement(name, open) {
  const { title, body, sources } = explanations[name];
  const details = document.createElement('details');
  details.className = 'explain';
  details.dataset.explain = name;
  details.open = open;
  const summary = document.createElement('summary');
  summary.textContent = title;
  const text = document.createElement('div');
  text.innerHTML = body; // written in explanations.js, never user data
  details.append(summary, text, sourcesLine(sources));
  return details;
}

/** The "From: …" line of an explanation or a tour step: [{text, href?}], a link where href is given. */
export function sourcesLine(sources) {
  const from = document.createElement('p');
  from.className = 'explain-sources';
  from.append('From: ');
  sources.forEach(({ text, href }, i) => {
    if (i) from.append('; ');
    if (!href) return from.append(text);
    const link = document.createElement('a');
    link.href = href;
    link.textContent = text;
    if (/^https?:/.test(href)) link.rel = 'noopener';
    from.append(link);
  });
  return from;
}

/** Places every view's explanation under its lead text (once). */
export function placeExplanations() {
  const open = remembered() ?? false;
  const all = [];
  for (const name of Object.keys(explanations)) {
    const view = document.getElementById(name);
    if (!view || view.querySelector('.explain')) continue;
    const details = explanationElement(name, open);
    details.addEventListener('toggle', () => {
      remember(details.open);
      for (const other of all) if (other.open !== details.open) other.open = details.open;
    });
    (view.querySelector('.lead') ?? view.querySelector('h2')).after(details);
    all.push(details);
  }
}
