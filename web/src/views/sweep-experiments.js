// A sweep figure's runs as native experiment files: the specs of one data
// source become one experiment, its base the first spec and one sweep axis
// listing, point by point, every field whose value changes between the
// specs (the axis's paths change together). `damlab sweep` on the file runs
// exactly these specs, in this order (docs/experiments.md, Sweeps).
import { leafFields } from '../ui/compare.js';

/** specs: normalized specs; name: the files' stem. [{name (file), spec (experiment)}]. */
export function sweepExperiments(specs, name) {
  const groups = new Map();
  for (const spec of specs) {
    const key = `${spec.measure}/${spec.data.source}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(spec);
  }
  return [...groups.values()].map((group) => {
    const stem = groups.size > 1 ? `${name}-${group[0].data.source === 'rademacher' ? 'artificial' : group[0].data.source}` : name;
    const fields = group.map((spec) => leafFields(spec));
    const paths = [...fields[0].keys()].filter((path) => fields.some((f) => JSON.stringify(f.get(path)) !== JSON.stringify(fields[0].get(path))));
    const axis = Object.fromEntries(paths.map((path) => [path, fields.map((f) => f.get(path))]));
    const experiment = { name: stem, ...group[0] };
    if (paths.length) experiment.sweep = [axis];
    return { name: `${stem}.json`, spec: experiment };
  });
}
