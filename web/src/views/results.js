// Open a results file of the native runner locally and chart it: a
// `damlab run` capacity record (JSON) → summary + retrieval profile, a
// `damlab sweep` CSV → a Fig. 1-style scatter (exact_mean_hd, exact_kmax) or
// D_c against ε (D_c_<ε> columns). The numbers are the runner's, read as
// they are; anything unexpected is reported by name, never a blank page.
// A sweep CSV exported by the Sweeps view (its figure's columns) opens back
// into that figure: its rows become the records' fields the figure reads,
// charted by the figure's own code (figures.js), so the chart is the one
// the page drew. Several files open at once, each in its own block.
import { profileChart, setProfile, sweepChart, resetSweep, addPoint, look } from '../ui/charts.js';
import { fillTable } from '../ui/exports.js';
import { figures } from './figures.js';

const $ = (id) => document.getElementById(id);

class FileError extends Error {}

/** RFC 4180 CSV (the runner quotes nothing today, but a cell may be quoted). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

function number(text, where) {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new FileError(`${where}: "${text}" is not a number`);
  return value;
}

// A page CSV's cells back to values: '' was null, 'true'/'false' booleans.
const cellValue = (text, where) => (text === '' ? null : text === 'true' ? true : text === 'false' ? false : number(text, where));

/**
 * The rows of a Sweeps-view CSV as the record fields its figure reads
 * (figures.js points): source, n, Kmax, censored, the mean HDs, D_c.
 */
function pageRecords(figure, header, body, name) {
  const at = (row, column, i) => cellValue(row[header.indexOf(column)], `${name}: line ${i + 2}, ${column}`);
  // Fig. 2's points are the core's summary of the whole sweep (its CSVs as
  // `damlab sweep` writes them), which the exported table does not hold:
  // its runs are listed, not plotted.
  if (figure === 'fig2') return [];
  return body.map((row, i) => {
    if (figure === 'dc')
      return { spec: { model: { n: at(row, 'n', i) } }, result: { D_c: { [row[header.indexOf('ε')]]: at(row, 'D_c^ε', i) } } };
    const source = row[0] === 'artificial' ? 'rademacher' : 'mnist';
    const hd = figure === 'fig1' ? at(row, 'mean HD of first Kmax', i) : null;
    return {
      spec: { data: { source }, model: { n: at(row, 'n', i) } },
      result: { exact: { kmax: at(row, 'Kmax', i), censored: at(row, 'censored', i), mean_hd: hd } },
      data: { mean_hd: figure === 'fig2' ? at(row, 'mean HD of the S patterns', i) : null },
    };
  });
}

export function createResults({ report, onTrajectory = null }) {
  const view = $('results');
  let charts = [];
  let block = null; // the block of the file being read: {summary, canvas, table}

  function summaryRow(term, value) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    block.summary.append(dt, dd);
  }

  function fresh(make) {
    block.figure.hidden = false;
    const chart = make(block.canvas);
    charts.push(chart);
    return chart;
  }

  // One file's block: its name, summary, chart and data table.
  function newBlock(name) {
    const article = document.createElement('article');
    article.className = 'result-file';
    article.dataset.name = name;
    const title = document.createElement('h3');
    title.textContent = name;
    const summary = document.createElement('dl');
    summary.className = 'summary';
    const figure = document.createElement('figure');
    figure.hidden = true;
    const box = document.createElement('div');
    box.className = 'canvas-box tall';
    const canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `The chart of ${name}; the data table below lists its values`);
    box.append(canvas);
    const details = document.createElement('details');
    const caption = document.createElement('summary');
    caption.textContent = 'Data table';
    const table = document.createElement('table');
    table.setAttribute('aria-label', `The values of ${name}`);
    details.append(caption, table);
    figure.append(box, details);
    article.append(title, summary, figure);
    $('results-files').append(article);
    return { article, summary, canvas, table, figure };
  }

  // text: the file's text, handed on unchanged (a trajectory record opens in the Recall view).
  function showRecord(name, record, text) {
    if (typeof record !== 'object' || record === null || Array.isArray(record))
      throw new FileError(`${name}: not a damlab record (a JSON object was expected)`);
    if (record.experiment && record.rows !== undefined)
      throw new FileError(`${name}: this is a sweep's record; open the sweep's CSV file to chart its rows`);
    const { spec, result, data } = record;
    if (!spec || !result) throw new FileError(`${name}: not a damlab run record (no "spec" or "result" field)`);
    if (spec.measure === 'trajectory' && onTrajectory) {
      summaryRow('File', `${name}: one probe's trajectory (measure = trajectory), drawn by the Recall view`);
      const open = document.createElement('button');
      open.type = 'button';
      open.textContent = 'Open in the Recall view';
      open.addEventListener('click', () => onTrajectory(name, text));
      block.summary.after(open);
      block.article.dataset.kind = 'trajectory';
      return;
    }
    if (spec.measure !== 'capacity')
      throw new FileError(`${name}: measure "${spec.measure}": only capacity records are charted here (a sweep CSV of other measures is)`);
    const { exact, binary, profile } = result;
    // The binary search and profile are optional parts of a capacity result:
    // a model measured in exact mode only leaves them out.
    const exactOnly = binary === undefined && profile === undefined;
    if (!exact || (!exactOnly && (!binary || typeof profile !== 'string' || !/^[01]*$/.test(profile))))
      throw new FileError(`${name}: result.exact, result.binary or result.profile is missing or malformed`);
    const censored = (mode) => (mode.censored ? ` (censored: Kmax = S, capacity ≥ ${result.S})` : '');
    summaryRow('File', `${name}: a capacity record`);
    summaryRow('Kmax, exact', `${exact.kmax} of S = ${result.S}${censored(exact)}`);
    if (exactOnly) summaryRow('Kmax, binary search; profile', `do not apply: ${spec.model.name ?? 'this model'} is measured in exact mode only`);
    else {
      summaryRow('Kmax, binary search', `${binary.kmax}${censored(binary)} after ${binary.evaluations} evaluations`);
      summaryRow('Profile monotone', result.monotone ? 'yes' : 'no');
    }
    summaryRow('Mean HD of the first Kmax', exact.mean_hd === null ? '—' : `${exact.mean_hd} bits`);
    summaryRow('Data, model', `${JSON.stringify(spec.data)}, ${JSON.stringify(spec.model)}`);
    summaryRow('N, data checksum', `${result.N} bits, ${data?.checksum ?? '—'}`);
    summaryRow('Code version', String(record.code_version ?? '—'));
    setProfile(fresh(profileChart), exactOnly ? undefined : profile, exact.kmax, result.S);
    fillTable(block.table, ['K', 'all first K retrieved'], Array.from(exactOnly ? '' : profile, (bit, i) => [i + 1, bit === '1' ? 'yes' : 'no']));
    block.article.dataset.kind = 'record';
  }

  function showCsv(name, text) {
    const rows = parseCsv(text);
    if (rows.length < 1) throw new FileError(`${name}: the file is empty`);
    const [header, ...body] = rows;
    body.forEach((row, i) => {
      if (row.length !== header.length)
        throw new FileError(`${name}: line ${i + 2} has ${row.length} fields, the header has ${header.length}`);
    });
    const col = (key) => header.indexOf(key);
    const figure = Object.keys(figures).find((key) => figures[key].columns.join(',') === header.join(','));
    if (figure) {
      const c = fresh(sweepChart);
      resetSweep(c, figures[figure]);
      const memo = {};
      for (const record of pageRecords(figure, header, body, name))
        for (const { series, point, replace } of figures[figure].points(record, memo)) addPoint(c, series, point, replace);
      summaryRow('File', `${name}: a Sweeps-view CSV of ${figures[figure].title}, ${body.length} rows`);
      summaryRow('Plotted', figures[figure].caption);
      fillTable(block.table, header, body);
      block.article.dataset.kind = `page-${figure}`;
      return;
    }
    const seriesKey = col('model.n') >= 0 ? 'model.n' : col('model.beta') >= 0 ? 'model.beta' : null;
    const seriesOf = (row) => (seriesKey ? `${seriesKey.slice(6)} = ${row[col(seriesKey)]}` : 'all rows');
    const labels = [...new Set(body.map(seriesOf))];
    const series = labels.map((label, i) => ({ label, ...look(i) }));
    const dcColumns = header.filter((key) => /^D_c_/.test(key));
    if (col('exact_kmax') >= 0 && col('exact_mean_hd') >= 0) {
      const c = fresh(sweepChart);
      const points = body.map((row, i) => ({
        series: seriesOf(row),
        kmax: number(row[col('exact_kmax')], `${name}: line ${i + 2}, exact_kmax`),
        hd: row[col('exact_mean_hd')] === '' ? null : number(row[col('exact_mean_hd')], `${name}: line ${i + 2}, exact_mean_hd`),
        censored: row[col('exact_censored')] === 'true',
      }));
      const hds = points.map((p) => p.hd).filter((hd) => hd !== null);
      resetSweep(c, { x: { title: 'mean pairwise HD of the first Kmax patterns (bits)', min: 0, max: Math.max(400, ...hds) }, series });
      for (const p of points) if (p.hd !== null) addPoint(c, p.series, { x: p.hd, y: p.kmax, censored: p.censored });
      summaryRow('File', `${name}: a capacity sweep, ${body.length} rows`);
      summaryRow('Plotted', `${hds.length} points (rows with Kmax ≥ 2, i.e. a mean HD); hollow: censored`);
      fillTable(block.table, [seriesKey ?? 'series', 'exact_mean_hd', 'exact_kmax', 'exact_censored'],
        points.map((p) => [p.series, p.hd, p.kmax, p.censored]));
      block.article.dataset.kind = 'capacity-csv';
    } else if (dcColumns.length) {
      const c = fresh(sweepChart);
      resetSweep(c, {
        x: { title: 'ε', min: 0, max: Math.max(...dcColumns.map((key) => number(key.slice(4), `${name}: column ${key}`))) },
        y: { title: 'D_c^ε', min: 0, max: 1 },
        series: series.map((s) => ({ ...s, line: true })),
      });
      const table = [];
      body.forEach((row, i) => {
        for (const key of dcColumns) {
          const value = number(row[col(key)], `${name}: line ${i + 2}, ${key}`);
          addPoint(c, seriesOf(row), { x: Number(key.slice(4)), y: value });
          table.push([seriesOf(row), key.slice(4), value]);
        }
      });
      summaryRow('File', `${name}: a convergence sweep, ${body.length} rows`);
      fillTable(block.table, ['series', 'ε', 'D_c^ε'], table);
      block.article.dataset.kind = 'dc-csv';
    } else
      throw new FileError(
        `${name}: no columns to chart: a sweep CSV needs exact_kmax and exact_mean_hd (capacity) or D_c_<ε> (convergence)`,
      );
  }

  // Reads one file into a block of its own; returns its error message, if any.
  async function openOne(file) {
    block = newBlock(file.name);
    try {
      const text = await file.text();
      if (/\.json$/i.test(file.name) || text.trimStart().startsWith('{')) {
        let record;
        try {
          record = JSON.parse(text);
        } catch (error) {
          throw new FileError(`${file.name}: not valid JSON (${error.message})`);
        }
        showRecord(file.name, record, text);
      } else showCsv(file.name, text);
      block.article.dataset.status = 'done';
      return null;
    } catch (error) {
      const message = error instanceof FileError ? error.message : `${file.name}: ${error.message}`;
      block.article.dataset.status = 'error';
      const p = document.createElement('p');
      p.className = 'flag';
      p.textContent = message;
      block.summary.before(p);
      return message;
    }
  }

  // The files chosen together replace those shown before.
  async function open(files) {
    for (const chart of charts) chart.destroy();
    charts = [];
    $('results-files').replaceChildren();
    report([]);
    delete view.dataset.kind;
    view.dataset.status = 'running';
    const errors = [];
    for (const file of files) {
      const error = await openOne(file);
      if (error) errors.push(error);
      else view.dataset.kind = block.article.dataset.kind; // the last file read well
    }
    view.dataset.files = String(files.length);
    report(errors);
    view.dataset.status = errors.length ? 'error' : 'done';
  }

  $('results-file').addEventListener('change', (event) => {
    const files = [...event.target.files];
    if (files.length) open(files);
  });

  return { load() {}, run() {}, open };
}
