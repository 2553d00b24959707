// The guided tour (tutorial.html): one step at a time, each a finding of the
// papers with its live figure. The figure is the playground embedded with
// the link of its run (index.html?embed=1#…): the same views, the same wasm
// module in the embed's own workers; no number is computed here. Only the
// shown step's figure exists (its workers end when the step changes).
// The address keeps the step and variant (#step=2&variant=1); Back and
// Forward move between steps; ← and → do too, outside form controls.
import { steps } from './tour-steps.js';
import { explanationElement, sourcesLine } from './ui/explain.js';

const $ = (id) => document.getElementById(id);

/** {step, variant} of an address hash, both clamped to what exists (0-based). */
function read(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const step = Math.min(Math.max(Number.parseInt(params.get('step'), 10) || 1, 1), steps.length) - 1;
  const variant = Math.min(Math.max(Number.parseInt(params.get('variant'), 10) || 1, 1), steps[step].variants.length) - 1;
  return { step, variant };
}
const address = ({ step, variant }) => `#step=${step + 1}${variant ? `&variant=${variant + 1}` : ''}`;

let current = read(location.hash);

function render(focus) {
  const { step, variant } = current;
  const data = steps[step];
  const { hash, label } = data.variants[variant];
  document.title = `${data.title}: damlab guided tour`;
  for (const [i, button] of [...$('tour-steps').querySelectorAll('button')].entries()) {
    if (i === step) button.setAttribute('aria-current', 'step');
    else button.removeAttribute('aria-current');
  }
  const article = $('tour-step');
  article.dataset.step = String(step + 1);
  const heading = document.createElement('h2');
  heading.id = 'tour-step-title';
  heading.tabIndex = -1;
  heading.textContent = `${step + 1}. ${data.title}`;
  const text = document.createElement('div');
  text.innerHTML = data.body; // written in tour-steps.js
  const parts = [heading, text];
  if (data.variants.length > 1) {
    const group = document.createElement('div');
    group.className = 'tour-variants';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Figure');
    data.variants.forEach((v, i) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = v.label;
      button.setAttribute('aria-pressed', String(i === variant));
      button.addEventListener('click', () => go({ step, variant: i }));
      group.append(button);
    });
    parts.push(group);
  }
  const frame = document.createElement('iframe');
  frame.title = `Live figure: ${data.title} (${label})`;
  frame.src = `./index.html?embed=1#${hash}`;
  frame.height = String(data.height);
  frame.allow = 'cross-origin-isolated';
  const open = document.createElement('a');
  open.className = 'tour-open';
  open.href = `./index.html#${hash}`;
  open.textContent = 'Open this in the playground';
  open.title = 'The same run with every setting, to change and rerun';
  const links = document.createElement('p');
  links.append(open, ' (every setting, to change and rerun)');
  parts.push(frame, links, sourcesLine(data.sources));
  article.replaceChildren(...parts);
  $('tour-back').disabled = step === 0;
  $('tour-next').disabled = step === steps.length - 1;
  $('tour-position').textContent = `Step ${step + 1} of ${steps.length}`;
  if (focus) heading.focus();
}

function go(next) {
  current = next;
  history.pushState(null, '', address(current));
  render(true);
}
const move = (by) => {
  const step = current.step + by;
  if (step >= 0 && step < steps.length) go({ step, variant: 0 });
};

steps.forEach((step, i) => {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = step.title;
  button.addEventListener('click', () => go({ step: i, variant: 0 }));
  item.append(button);
  $('tour-steps').append(item);
});
$('tour-back').addEventListener('click', () => move(-1));
$('tour-next').addEventListener('click', () => move(1));
document.addEventListener('keydown', (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.target.closest?.('input, select, textarea')) return;
  if (event.key === 'ArrowRight') move(1);
  else if (event.key === 'ArrowLeft') move(-1);
});
window.addEventListener('popstate', () => {
  current = read(location.hash);
  render(true);
});
// How to read the playground's own views: the same explanations as there.
$('tour-views').append(...['explorer', 'sweeps', 'train'].map((name) => explanationElement(name, false)));
render(false);
