// Two-way binding between a form's named controls and the state object.
// A value the field rules reject is reported by name and not applied.
import { fieldOf, models, quote } from '../state.js';

export function writeForm(form, state) {
  for (const element of form.elements) {
    if (fieldOf(element.name)) element.value = String(state[element.name]);
  }
}

/**
 * Reads every named control that applies (not inside a hidden [data-for]
 * group); returns the messages of rejected values.
 */
export function readForm(form, state) {
  const errors = [];
  for (const element of form.elements) {
    const field = fieldOf(element.name);
    if (!field || element.closest('[data-for][hidden]')) continue;
    const value = field.parse(element.value);
    element.setAttribute('aria-invalid', String(value === undefined));
    if (value === undefined) errors.push(`${element.name} = ${quote(element.value)}: ${field.rule}`);
    else state[element.name] = value;
  }
  return errors;
}

/**
 * The controls of registry parameters ({field, info}, see state.js), one
 * label each with data-for = its link key, so a view shows the ones that
 * apply. The registry label reads "description symbol" ("coding level a"):
 * the control is labelled "a (coding level, in (0, 1))". Text only.
 */
export function parameterControls(container, params) {
  container.replaceChildren(
    ...params.map(({ field, info }) => {
      const words = info.label.split(' ');
      const symbol = words.pop();
      const label = document.createElement('label');
      label.dataset.for = field;
      let control;
      if (info.kind === 'choice') {
        control = document.createElement('select');
        control.append(...info.choices.map((value) => new Option(value, value)));
        label.append(`${symbol} (${words.join(' ')}) `, control);
      } else {
        control = document.createElement('input');
        control.type = 'number';
        control.min = String(info.min);
        control.max = String(info.max);
        control.step = info.kind === 'integer' ? '1' : 'any';
        const ends = `${info.minOpen ? '(' : '['}${info.min}, ${info.max}${info.maxOpen ? ')' : ']'}`;
        label.append(`${symbol} (${words.join(' ')}, ${info.kind === 'integer' ? 'an integer in' : 'in'} ${ends}) `, control);
      }
      control.name = field;
      return label;
    }),
  );
}

/** Fills a model <select> with the registry's names (text only). */
export function modelOptions(select, disabled = () => false) {
  select.replaceChildren(
    ...Object.entries(models).map(([name, { label }]) => {
      const option = new Option(disabled(name) ? `${label} (capacity explorer only)` : label, name);
      option.disabled = disabled(name);
      return option;
    }),
  );
}
