// Compare: pin the result on a chart, and the next run is drawn over it.
// The pinned series are copies of the chart's datasets as they were, drawn
// grey, with a dash of their own (the series' dash plus a dotted tail) and
// larger, half-filled markers, labelled "pinned · …": they differ from the
// current series by dash and marker fill, never by colour alone. A note
// under the chart says what differs between the two specs (text only: the
// leaf fields whose values differ). Pinned state lives in the page only
// (not in the address).

const grey = '#7a7a7a';
const pinnedFill = 'rgba(122, 122, 122, 0.35)';
export const pinnedDash = (dash = []) => (dash.length ? [...dash, 1, 3] : [1, 3]);

/** The leaf fields of a spec: path ('model.n') -> value (arrays are leaves). */
export function leafFields(value, path = '', out = new Map()) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    for (const [key, inner] of Object.entries(value)) leafFields(inner, path ? `${path}.${key}` : key, out);
  else out.set(path, value);
  return out;
}
const leaves = (spec) => new Map([...leafFields(spec)].map(([path, value]) => [path, JSON.stringify(value)]));

/**
 * What differs between two specs, as text: "pinned: model.n = 3 ·
 * current: model.n = 4" (a field one spec lacks reads "absent"); "the
 * same spec" when nothing differs. Long values are cut at 60 characters.
 */
export function specDiff(pinned, current) {
  const a = leaves(pinned);
  const b = leaves(current);
  const paths = [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p) !== b.get(p));
  if (!paths.length) return 'pinned and current: the same spec';
  const cut = (text) => (text === undefined ? 'absent' : text.length > 60 ? `${text.slice(0, 60)}…` : text);
  const side = (map) => paths.map((p) => `${p} = ${cut(map.get(p))}`).join(', ');
  return `pinned: ${side(a)} · current: ${side(b)}`;
}

/** A dataset drawn as pinned (its points copied: later runs do not change them). */
function pinnedCopy(dataset) {
  return {
    ...dataset,
    key: undefined,
    pinned: true,
    label: `pinned · ${dataset.label}`,
    data: dataset.data.map((point) => ({ ...point })),
    borderColor: grey,
    backgroundColor: grey,
    pointBackgroundColor: (ctx) => (ctx.raw?.censored ? 'transparent' : pinnedFill),
    borderDash: pinnedDash(dataset.borderDash),
    pointRadius: dataset.pointRadius === 0 ? 0 : (dataset.pointRadius ?? 3) + 1.5,
    borderWidth: 1.5,
  };
}

/**
 * A Pin / Unpin pair for one chart. current() gives the result on screen:
 * {spec (object), text (its JSON, shown)} or null. After the view redraws
 * its chart, it calls overlay() to draw the pinned series again (views that
 * keep their datasets need not). The note and the pinned spec's <pre> live
 * in box (a container of the page).
 */
export function createPin({ chart, box, current, name }) {
  const pinButton = document.createElement('button');
  pinButton.type = 'button';
  pinButton.className = 'pin';
  pinButton.textContent = 'Pin';
  pinButton.title = 'Keep this result on the chart: the next run is drawn over it';
  pinButton.disabled = true;
  const unpinButton = document.createElement('button');
  unpinButton.type = 'button';
  unpinButton.className = 'unpin';
  unpinButton.textContent = 'Unpin';
  unpinButton.hidden = true;
  const note = document.createElement('p');
  note.className = 'compare-note';
  note.setAttribute('aria-live', 'polite');
  const details = document.createElement('details');
  details.className = 'spec pinned-spec';
  details.hidden = true;
  const summary = document.createElement('summary');
  summary.textContent = 'The pinned spec';
  const pre = document.createElement('pre');
  pre.tabIndex = 0;
  details.append(summary, pre);
  const controls = document.createElement('p');
  controls.className = 'compare';
  controls.append(pinButton, unpinButton, ' ', note);
  box.replaceChildren(controls, details);
  box.dataset.compare = name;

  let pinned = null; // {spec, datasets}

  function describe() {
    const now = current();
    note.textContent = !pinned ? '' : now ? specDiff(pinned.spec, now.spec) : `pinned: ${pinned.label}; run to draw the current result over it`;
    box.dataset.pinned = String(Boolean(pinned));
  }

  function overlay() {
    if (pinned) {
      chart.data.datasets = chart.data.datasets.filter((d) => !d.pinned).concat(pinned.datasets);
      // The axis keeps the pinned points in view (the view sets it for its own).
      const xs = pinned.datasets.flatMap((d) => d.data.map((p) => p.x));
      const { x } = chart.options.scales;
      if (xs.length && x.max !== undefined && Math.max(...xs) > x.max) x.max = Math.max(...xs);
      chart.update('none');
    }
    describe();
  }

  pinButton.addEventListener('click', () => {
    const now = current();
    if (!now) return;
    const datasets = chart.data.datasets.filter((d) => !d.pinned).map(pinnedCopy);
    pinned = { spec: now.spec, label: now.label ?? '', datasets };
    pre.textContent = now.text ?? JSON.stringify(now.spec, null, 2);
    details.hidden = false;
    unpinButton.hidden = false;
    overlay();
  });
  unpinButton.addEventListener('click', () => {
    pinned = null;
    chart.data.datasets = chart.data.datasets.filter((d) => !d.pinned);
    chart.update('none');
    details.hidden = true;
    unpinButton.hidden = true;
    describe();
  });

  return {
    overlay,
    /** Called when a result is on screen (or gone): enables Pin, updates the note. */
    ready(available) {
      pinButton.disabled = !available;
      describe();
    },
    get pinned() {
      return pinned;
    },
  };
}
