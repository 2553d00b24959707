// From chart to command: the exact spec behind a chart (as JSON) and the
// native command that reproduces it, with Copy and a download of each spec
// file. The specs are the ones the workers ran, as the core normalized
// them, so `damlab run` / `damlab sweep` on the saved file gives the same
// numbers (tests/browser/reproduce.test.mjs).
import { download } from './exports.js';

const button = (text, onClick) => {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = text;
  element.addEventListener('click', onClick);
  return element;
};

async function copy(text, element, label) {
  try {
    await navigator.clipboard.writeText(text);
    element.textContent = `${label} copied`;
  } catch {
    element.textContent = 'Select the text and copy it';
  }
}

/** A collapsible "Spec and command" panel in box (a container of the page). */
export function createReproduce(box) {
  const details = document.createElement('details');
  details.className = 'spec reproduce';
  const summary = document.createElement('summary');
  summary.textContent = 'Spec and native command';
  const body = document.createElement('div');
  details.append(summary, body);
  box.replaceChildren(details);

  return {
    clear(note = 'Run to see the spec behind the chart and the command that reproduces it.') {
      const p = document.createElement('p');
      p.className = 'note';
      p.textContent = note;
      body.replaceChildren(p);
      delete box.dataset.specs;
    },
    /**
     * files: [{name, spec (object)}]; command: the shell lines that
     * reproduce the chart from those files (in the folder they are saved to).
     */
    show({ files, command, note = '' }) {
      const parts = [];
      const intro = document.createElement('p');
      intro.className = 'note';
      intro.textContent = `Save the spec file${files.length > 1 ? 's' : ''} and run (native build, see the README)${note ? `; ${note}` : ''}:`;
      const code = document.createElement('pre');
      code.className = 'command';
      code.textContent = command;
      parts.push(intro, code, button('Copy command', (event) => copy(command, event.target, 'Command')));
      for (const { name, spec } of files) {
        const text = JSON.stringify(spec, null, 2) + '\n';
        const title = document.createElement('p');
        const label = document.createElement('code');
        label.textContent = name;
        title.append(label, ' ', button('Copy spec', (event) => copy(text, event.target, 'Spec')), ' ',
          button(`Download ${name}`, () => download(name, text, 'application/json')));
        const pre = document.createElement('pre');
        pre.className = 'spec-json';
        pre.tabIndex = 0;
        pre.textContent = text;
        parts.push(title, pre);
      }
      body.replaceChildren(...parts);
      box.dataset.specs = JSON.stringify(files.map(({ name }) => name));
    },
  };
}
