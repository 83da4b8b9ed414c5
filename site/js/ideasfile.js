// A calculator page's scenario as a file (scenariofile.js' .roikit.json,
// kind: the calculator's name): "Save to file" writes the widget's request,
// the shared fields and every row of its Array field (the prioritize
// page's ideas), which no URL may hold whole; "Open file" reads one back
// into the form, and says in the table's status line what is wrong with a
// file it cannot open. Nothing leaves the browser.
import { scenarioText, readScenarioFile, downloadText, scenarioFileName } from './scenariofile.js';
import { settings } from './settings.js';

/** scenarioQuery writes a request as a query the widget reads (widget.js readQuery): objects and lists as JSON. */
export function scenarioQuery(data) {
  const q = new URLSearchParams();
  for (const [name, v] of Object.entries(data || {})) {
    if (v === undefined || v === null) continue;
    q.set(name, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  return q;
}

/** clearInput empties an input the file leaves out (its default applies); a select or checkbox gets its starting choice. */
function clearInput(input) {
  if (input.type === 'checkbox') input.checked = input.defaultChecked;
  else if (input.tagName === 'SELECT') {
    const def = Array.from(input.options).find((o) => o.defaultSelected) || input.options[0];
    if (def) input.value = def.value;
  } else input.value = '';
}

/**
 * scenarioFiles wires the Save to file and Open file controls of an Array
 * field's editor (ideas.js) to its widget: widget.request(), readQuery(),
 * applyUnits(), applyShowWhen(), run().
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
        for (const input of widget.inputs) if (!(input.getAttribute('data-input') in data)) clearInput(input);
        widget.readQuery(scenarioQuery(data).toString());
        widget.applyUnits();
        widget.applyShowWhen();
        if (widget.primary) widget.queryDirty = true;
        const n = data[editor.name].length;
        editor.say(`Opened ${file.name}: ${n} ${n === 1 ? 'row' : 'rows'}.`);
        widget.run();
      } catch (err) {
        editor.say(`${file.name} could not be opened: ${err.message}`);
      }
      open.value = '';
    });
  }
}
