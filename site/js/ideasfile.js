// A calculator page's scenario as a file (scenariofile.js' .roikit.json,
// kind: the calculator's name): "Save to file" writes the widget's request,
// the shared fields and every row of its Array field (the prioritize
// page's ideas), which no URL may hold whole; "Open file" reads one back
// into the form, and says in the table's status line what is wrong with a
// file it cannot open. Nothing leaves the browser.
import { scenarioText, readScenarioFile, downloadText, scenarioFileName } from './scenariofile.js';
import { settings } from './settings.js';

/**
 * scenarioFiles wires the Save to file and Open file controls of an Array
 * field's editor (ideas.js) to its widget: widget.request() and load().
 */
export function scenarioFiles(widget, editor) {
  const wrap = editor.wrap;
  const save = wrap.querySelector('[data-array-action="save"]');
  const open = wrap.querySelector('[data-array-action="open"]');
  const kind = widget.name;
  const title = () => (widget.section.querySelector('h1, h2, h3') || {}).textContent || kind;
  if (save) {
    save.addEventListener('click', () => {
      const name = scenarioFileName(title());
      downloadText(name, scenarioText(kind, widget.request(), settings));
      editor.say(`Saved ${name}.`);
    });
  }
  if (open) {
    open.addEventListener('change', async () => {
      const file = open.files && open.files[0];
      if (!file) return;
      try {
        const { data } = await readScenarioFile(file, [kind]);
        if (!Array.isArray(data[editor.name]) || data[editor.name].length === 0) throw new Error(`it has no ${editor.name}.`);
        const n = data[editor.name].length;
        widget.load(data); // the file's fields, an absent one empty; recomputes
        editor.say(`Opened ${file.name}: ${n} ${n === 1 ? 'row' : 'rows'}.`);
      } catch (err) {
        editor.say(`${file.name} could not be opened: ${err.message}`);
      }
      open.value = '';
    });
  }
}
