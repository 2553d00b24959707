// Two-way binding between a form's named controls and the state object.
// A value the field rules reject is reported by name and not applied.
import { fields } from './state.js';

export function writeForm(form, state) {
  for (const element of form.elements) {
    if (element.name in fields) element.value = String(state[element.name]);
  }
}

/**
 * Reads every named control that applies (not inside a hidden [data-for]
 * group); returns the messages of rejected values.
 */
export function readForm(form, state) {
  const errors = [];
  for (const element of form.elements) {
    const field = fields[element.name];
    if (!field || element.closest('[data-for][hidden]')) continue;
    const value = field.parse(element.value);
    element.setAttribute('aria-invalid', String(value === undefined));
    if (value === undefined) errors.push(`${element.name} = ${element.value}: ${field.rule}`);
    else state[element.name] = value;
  }
  return errors;
}
