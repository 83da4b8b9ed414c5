// The business case saved and opened again (plan.js): a .roikit.json file
// (scenariofile.js, kind "plan": the widget's values and the plan's own
// state), and the browser's storage under a name. Nothing is uploaded.
import { scenarioText, scenarioFileName, readScenarioFile, downloadText } from './scenariofile.js';
import { settings } from './settings.js';

/** STORE_KEY holds the plans saved in this browser: {name: {saved_at, data}}. */
export const STORE_KEY = 'roikit.plans';

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** storedPlans reads the saved plans ({} when there are none or storage is off). */
export function storedPlans() {
  try {
    const s = storage();
    const all = s ? JSON.parse(s.getItem(STORE_KEY) || '{}') : {};
    return all && typeof all === 'object' && !Array.isArray(all) ? all : {};
  } catch {
    return {};
  }
}

function writeStored(all) {
  const s = storage();
  if (!s) throw new Error('this browser does not let the page store data (private window or storage turned off); save to a file instead.');
  s.setItem(STORE_KEY, JSON.stringify(all));
}

/**
 * planFiles wires the toolbar's file and storage controls to a plan
 * ({widget, planState(), setPlanState(plan), writeURL()}). It sends
 * roikit:plans on the document whenever the saved plans are listed anew.
 */
export function planFiles(plan) {
  const doc = plan.page;
  const $ = (action) => doc.querySelector(`[data-plan-action="${action}"]`);
  const status = doc.querySelector('[data-role="plan-status"]');
  const say = (text) => (status.textContent = text);
  const nameInput = $('name');
  const select = $('stored');
  const data = () => ({ request: plan.widget.values(), plan: plan.planState() });
  const load = (d) => {
    plan.setPlanState(d.plan && typeof d.plan === 'object' ? d.plan : {});
    const run = plan.widget.load(d.request && typeof d.request === 'object' ? d.request : {});
    plan.writeURL();
    return run;
  };
  const list = () => {
    const names = Object.keys(storedPlans()).sort();
    const opts = names.map((n) => Object.assign(doc.createElement('option'), { value: n, textContent: n }));
    if (!opts.length) opts.push(Object.assign(doc.createElement('option'), { value: '', textContent: 'None yet' }));
    select.replaceChildren(...opts);
    doc.dispatchEvent(new CustomEvent('roikit:plans')); // plancompare.js lists them again
  };
  /** open opens a saved plan by name: the widget's run (a promise), or null when there is no such plan. */
  const open = (name) => {
    const saved = storedPlans()[name];
    if (!saved) {
      say('No saved plan is selected.');
      return null;
    }
    nameInput.value = name;
    select.value = name;
    const run = load(saved.data || {});
    say(`Opened "${name}", saved ${new Date(saved.saved_at).toLocaleString(settings.locale)}.`);
    return Promise.resolve(run);
  };
  $('save-file').addEventListener('click', () => {
    const name = nameInput.value.trim() || 'Business case';
    downloadText(scenarioFileName(name), scenarioText('plan', { name, ...data() }, settings));
    say(`Saved as ${scenarioFileName(name)}.`);
  });
  $('open-file').addEventListener('change', async (e) => {
    const file = e.target.files && e.target.files[0];
    if (!file) return;
    try {
      const s = await readScenarioFile(file, ['plan', 'prioritize']);
      const d = s.kind === 'plan' ? s.data : { request: s.data, plan: {} };
      if (typeof d.name === 'string') nameInput.value = d.name.slice(0, 80);
      load(d);
      say(`Opened ${file.name}.`);
    } catch (err) {
      say(`${file.name} could not be opened: ${err.message}`);
    }
    e.target.value = '';
  });
  $('store').addEventListener('click', () => {
    const name = nameInput.value.trim();
    if (!name) {
      say('Give the plan a name first.');
      nameInput.focus();
      return;
    }
    try {
      const all = storedPlans();
      all[name] = { saved_at: new Date().toISOString(), data: data() };
      writeStored(all);
      list();
      select.value = name;
      say(`Saved "${name}" in this browser.`);
    } catch (err) {
      say(`The plan could not be saved here: ${err.message}`);
    }
  });
  $('restore').addEventListener('click', () => open(select.value));
  $('forget').addEventListener('click', () => {
    const all = storedPlans();
    if (!all[select.value]) return say('No saved plan is selected.');
    const name = select.value;
    delete all[name];
    try {
      writeStored(all);
    } catch (err) {
      return say(err.message);
    }
    list();
    say(`Deleted "${name}" from this browser.`);
  });
  list();
  return { data, load, open };
}
