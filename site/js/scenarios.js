// The Scenarios panel of a calculator page (site/FRONTEND.md, "Scenarios"):
// the primary widget's inputs saved under a name in the browser
// (localStorage), listed, renamed, deleted, loaded back into the form
// (Widget.load), pinned (at most four) and compared (scenariocompare.js);
// the set saved to and read from one .roikit.json file (scenariofile.js,
// kind "scenarios"), and a comparison carried by a link (?compare=).
//
// For the other page modules (presentation mode): window.roikitPage.scenarios
// = {pinned(): [{id, name}], apply(id): Promise, active(): id | null}, and
// a "roikit:scenarios" event on document ({detail: {pinned}}) when the
// pinned list changes. The list's operations are scenariostore.js'.
import * as S from './scenariostore.js';
import { Comparison } from './scenariocompare.js';
import { scenarioText, scenarioFileName, readScenarioFile, downloadText } from './scenariofile.js';
import { settings } from './settings.js';
import { copyText, linkMessage, MAX_LINK_CHARS } from './copy.js';
import { el } from './dom.js';

function button(text, action, label) {
  const b = el('button', 'button button--secondary button--small', text);
  b.type = 'button';
  b.setAttribute('data-action', action);
  if (label) b.setAttribute('aria-label', label);
  return b;
}

class ScenariosPanel {
  constructor(panel, widget, engine) {
    this.panel = panel;
    this.widget = widget;
    this.calc = widget.name;
    this.key = S.storageKey(this.calc);
    this.list = this.load();
    this.listEl = panel.querySelector('[data-role="scenario-list"]');
    this.statusEl = panel.querySelector('[data-role="scenario-status"]');
    this.problemsEl = panel.querySelector('[data-role="scenario-problems"]');
    this.nameInput = panel.querySelector('[data-role="scenario-name"]');
    this.compare = new Comparison(panel.querySelector('[data-role="scenario-compare"]'), widget, engine);
    this.renaming = null;
    this.pinnedKey = '';
  }

  load() {
    try {
      const data = JSON.parse(localStorage.getItem(this.key) || 'null');
      const { scenarios, problems } = S.checkScenarios(data || { calculator: this.calc, scenarios: [] }, this.calc);
      return problems.length ? [] : scenarios.map((s) => ({ ...s, id: s.id || S.newId([]) }));
    } catch {
      return [];
    }
  }

  store() {
    try {
      localStorage.setItem(this.key, JSON.stringify({ calculator: this.calc, scenarios: this.list }));
    } catch {
      this.say('The scenarios could not be kept in this browser (its storage is full or turned off); export them to a file to keep them.');
    }
  }

  say(text, problems = []) {
    this.statusEl.textContent = text;
    this.problemsEl.replaceChildren(...problems.map((p) => el('li', '', p)));
    this.problemsEl.hidden = problems.length === 0;
  }

  /** change replaces the list (an operation of scenariostore.js), keeps it, and shows it. */
  change(fn, message) {
    try {
      this.list = fn(this.list);
    } catch (err) {
      this.say(err.message);
      return false;
    }
    this.store();
    this.render();
    if (message) this.say(message);
    return true;
  }

  init() {
    this.panel.querySelector('[data-role="scenario-save"]').addEventListener('submit', (e) => {
      e.preventDefault();
      this.save();
    });
    this.listEl.addEventListener('click', (e) => this.clicked(e));
    this.listEl.addEventListener('change', (e) => {
      const box = e.target.closest('[data-action="pin"]');
      if (!box) return;
      const s = this.byId(box.closest('[data-scenario-id]').getAttribute('data-scenario-id'));
      if (!this.change((l) => S.setPinned(l, s.id, box.checked), `${box.checked ? 'Pinned' : 'Unpinned'} “${s.name}”.`)) box.checked = !box.checked;
    });
    this.listEl.addEventListener('keydown', (e) => {
      if (!e.target.matches('[data-role="rename-input"]')) return;
      if (e.key === 'Enter') {
        e.preventDefault();
        this.finishRename(true);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        this.finishRename(false);
      }
    });
    this.panel.querySelector('[data-action="export-scenarios"]').addEventListener('click', () => this.exportFile());
    const file = this.panel.querySelector('[data-action="import-scenarios"]');
    file.addEventListener('change', () => {
      if (file.files && file.files[0]) this.importFile(file.files[0]).finally(() => (file.value = ''));
    });
    const link = this.panel.querySelector('[data-action="copy-compare-link"]');
    link.addEventListener('click', () => {
      const url = this.compareLink();
      if (!url) return this.say('Pin at least one scenario to share a comparison.');
      copyText(url, link, this.statusEl, linkMessage(url).replace('Link copied', 'Comparison link copied'), url.length > MAX_LINK_CHARS);
    });
    window.addEventListener('storage', (e) => {
      if (e.key !== this.key) return;
      this.list = this.load();
      this.render();
    });
    this.widget.section.addEventListener('roikit:result', () => this.updateActive());
    // clvfit (clvfitscenarios.js): a fit of the page, and another file, which the comparison fits.
    this.widget.section.addEventListener('roikit:fitted', () => this.updateActive());
    this.widget.section.addEventListener('roikit:file', () => {
      this.updateActive();
      this.compare.refresh();
    });
    document.addEventListener('change', (e) => {
      if (e.target && e.target.matches && e.target.matches('[data-setting]')) setTimeout(() => this.compare.refresh(), 0);
    });
    this.readLink();
    this.render();
  }

  /** readLink adds the comparison of a ?compare= link, pinned, and takes it out of the address. */
  readLink() {
    const q = new URLSearchParams(location.search);
    if (!q.has('compare')) return;
    try {
      const incoming = S.decodeCompare(q.get('compare'), this.widget.start);
      const { list, added } = S.mergeScenarios(this.list, incoming, { pinOnly: true });
      this.list = list;
      this.store();
      this.say(`This link compares ${incoming.length} ${incoming.length === 1 ? 'scenario' : 'scenarios'}; ${added ? `${added} saved in this browser and ` : ''}pinned below.`);
    } catch (err) {
      this.say(err.message);
    }
    const url = new URL(location.href);
    url.searchParams.delete('compare');
    try {
      history.replaceState(history.state, '', url.href);
    } catch {
      /* sandboxed: the address stays */
    }
  }

  compareLink() {
    const pinned = S.pinnedOf(this.list);
    if (!pinned.length) return '';
    const url = new URL(location.href);
    url.searchParams.set('compare', S.encodeCompare(pinned, this.widget.start));
    return url.href;
  }

  byId(id) {
    return this.list.find((s) => s.id === id) || null;
  }

  save() {
    if (this.widget.section.getAttribute('data-state') === 'invalid') {
      this.say('Correct the inputs marked in the form first: a scenario keeps inputs the calculator can use.');
      return;
    }
    const name = this.nameInput.value;
    if (this.change((l) => S.addScenario(l, name, this.widget.values()))) {
      const s = this.list[this.list.length - 1];
      this.say(`Saved “${s.name}”${s.pinned ? ' and pinned it to the comparison' : ''}.`);
      this.nameInput.value = '';
    }
    this.nameInput.setAttribute('aria-invalid', String(!this.list.some((s) => s.name === name.trim())));
  }

  clicked(e) {
    const b = e.target.closest('button[data-action]');
    const li = b && b.closest('[data-scenario-id]');
    if (!li) return;
    const s = this.byId(li.getAttribute('data-scenario-id'));
    if (!s) return;
    const action = b.getAttribute('data-action');
    if (action === 'apply') this.apply(s.id);
    else if (action === 'delete') {
      this.change((l) => S.deleteScenario(l, s.id), `Deleted “${s.name}”.`);
      const next = this.listEl.querySelector('button[data-action="apply"]') || this.nameInput;
      next.focus();
    } else if (action === 'rename') this.startRename(s.id);
    else if (action === 'rename-save') this.finishRename(true);
    else if (action === 'rename-cancel') this.finishRename(false);
    else if (action === 'up' || action === 'down') {
      this.change((l) => S.moveScenario(l, s.id, action === 'up' ? -1 : 1), `Moved “${s.name}” ${action}.`);
      const again = this.listEl.querySelector(`[data-scenario-id="${CSS.escape(s.id)}"] [data-action="${action}"]`);
      if (again) again.focus(); // at the top or the bottom, the button is gone: the focus stays in the list
      else (this.listEl.querySelector(`[data-scenario-id="${CSS.escape(s.id)}"] [data-action="apply"]`) || this.nameInput).focus();
    }
  }

  /** apply loads scenario id's inputs into the form; the promise settles once they are computed. */
  apply(id) {
    const s = this.byId(id);
    if (!s) return Promise.reject(new Error('There is no scenario ' + id + '.'));
    this.say(`Loaded “${s.name}” into the form.`);
    const done = this.widget.load(s.request);
    this.updateActive();
    return Promise.resolve(done).then(() => this.updateActive());
  }

  /** updateActive marks the scenario the form holds ("In the form"). */
  updateActive() {
    const active = this.active();
    for (const li of this.listEl.querySelectorAll('[data-scenario-id]')) {
      const badge = li.querySelector('[data-role="active-badge"]');
      if (badge) badge.hidden = li.getAttribute('data-scenario-id') !== active;
    }
  }

  /** active is the id of the scenario whose inputs the form holds (a pinned one first), or null. */
  active() {
    const now = S.stable(this.widget.request());
    const same = (s) => S.stable(this.widget.requestFor(s.request)) === now;
    const s = S.pinnedOf(this.list).find(same) || this.list.find(same);
    return s ? s.id : null;
  }

  startRename(id) {
    this.renaming = id;
    this.render();
    const input = this.listEl.querySelector('[data-role="rename-input"]');
    if (input) {
      input.focus();
      input.select();
    }
  }

  finishRename(keep) {
    const id = this.renaming;
    const input = this.listEl.querySelector('[data-role="rename-input"]');
    if (keep && input) {
      const old = this.byId(id);
      if (!this.change((l) => S.renameScenario(l, id, input.value))) {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      this.say(`Renamed “${old.name}” to “${this.byId(id).name}”.`);
    }
    this.renaming = null;
    this.render();
    const b = this.listEl.querySelector(`[data-scenario-id="${CSS.escape(id)}"] [data-action="rename"]`);
    if (b) b.focus();
  }

  exportFile() {
    if (!this.list.length) return this.say('Save a scenario first: there is nothing to export.');
    const title = (document.querySelector('h1') || {}).textContent || this.calc;
    const name = scenarioFileName(title + ' scenarios');
    downloadText(name, scenarioText(S.SCENARIOS_KIND, { calculator: this.calc, scenarios: this.list }, settings));
    this.say(`Exported ${this.list.length} ${this.list.length === 1 ? 'scenario' : 'scenarios'} to ${name}.`);
  }

  async importFile(file) {
    let data;
    try {
      data = (await readScenarioFile(file, [S.SCENARIOS_KIND])).data;
    } catch (err) {
      return this.say(`${file.name} could not be imported: ${err.message}`);
    }
    const { scenarios, problems } = S.checkScenarios(data, this.calc);
    if (problems.length) return this.say(`${file.name} could not be imported: ${problems.length === 1 ? problems[0] : `${problems.length} problems:`}`, problems.length === 1 ? [] : problems);
    const pinOnly = scenarios.some((s) => s.pinned);
    let out;
    if (!this.change((l) => (out = S.mergeScenarios(l, scenarios, { pinOnly })).list)) return undefined;
    const pins = S.pinnedOf(this.list).length;
    this.say(`Imported ${out.added} of ${scenarios.length} ${scenarios.length === 1 ? 'scenario' : 'scenarios'} from ${file.name}${out.added < scenarios.length ? ' (the others were here already)' : ''}; ${pins} pinned.`);
    return undefined;
  }

  /** render writes the list, and the comparison when the pinned scenarios changed. */
  render() {
    const active = this.active();
    const pinned = S.pinnedOf(this.list);
    // The focus stays on the same control of the same scenario.
    const f = document.activeElement;
    const li = f && this.listEl.contains(f) ? f.closest('[data-scenario-id]') : null;
    const at = li && [li.getAttribute('data-scenario-id'), f.getAttribute('data-action')];
    this.listEl.replaceChildren(...this.list.map((s, i) => this.item(s, i, s.id === active, pinned[0] === s)));
    if (at && at[1]) {
      const again = this.listEl.querySelector(`[data-scenario-id="${CSS.escape(at[0])}"] [data-action="${at[1]}"]`);
      if (again) again.focus();
    }
    this.panel.querySelector('[data-role="scenario-empty"]').hidden = this.list.length > 0;
    const key = S.stable(pinned.map((s) => [s.id, s.name, s.request]));
    if (key === this.pinnedKey) return;
    this.pinnedKey = key;
    this.compare.show(pinned);
    document.dispatchEvent(new CustomEvent('roikit:scenarios', { detail: { pinned: pinned.map((s) => ({ id: s.id, name: s.name })) } }));
  }

  item(s, i, active, reference) {
    const li = el('li', 'scenario-item');
    li.setAttribute('data-scenario-id', s.id);
    if (s.pinned) li.setAttribute('data-pinned', '');
    const head = el('div', 'scenario-item__head');
    const pin = el('input');
    pin.type = 'checkbox';
    pin.id = 'scenario-pin-' + s.id;
    pin.checked = s.pinned;
    pin.setAttribute('data-action', 'pin');
    const pinLabel = el('label', 'scenario-item__pin');
    pinLabel.htmlFor = pin.id;
    pinLabel.append(el('span', 'visually-hidden', 'Compare '), el('span', 'scenario-item__name', s.name));
    head.append(pin);
    if (this.renaming === s.id) {
      const input = el('input', 'input scenario-item__rename');
      input.value = s.name;
      input.maxLength = S.MAX_NAME;
      input.setAttribute('data-role', 'rename-input');
      input.setAttribute('aria-label', `New name for “${s.name}”`);
      head.append(input);
    } else head.append(pinLabel);
    if (reference) head.append(el('span', 'scenario-badge', 'Reference'));
    const badge = el('span', 'scenario-badge scenario-badge--active', 'In the form');
    badge.setAttribute('data-role', 'active-badge');
    badge.hidden = !active;
    head.append(badge);
    const actions = el('div', 'scenario-item__actions');
    if (this.renaming === s.id) {
      actions.append(button('Save name', 'rename-save'), button('Cancel', 'rename-cancel'));
    } else {
      actions.append(button('Load', 'apply', `Load “${s.name}” into the form`), button('Rename', 'rename', `Rename “${s.name}”`));
      if (i > 0) actions.append(button('↑', 'up', `Move “${s.name}” up`));
      if (i < this.list.length - 1) actions.append(button('↓', 'down', `Move “${s.name}” down`));
      actions.append(button('Delete', 'delete', `Delete “${s.name}”`));
    }
    li.append(head, actions);
    return li;
  }
}

/**
 * initScenarios sets up the page's Scenarios panel ([data-scenarios]) for
 * its primary widget and adds window.roikitPage.scenarios.
 */
export function initScenarios(widgets, engine) {
  const panel = document.querySelector('[data-scenarios]');
  const widget = widgets.find((w) => w.primary);
  if (!panel || !widget || widget.name !== panel.getAttribute('data-scenarios')) return null;
  const p = new ScenariosPanel(panel, widget, engine);
  p.init();
  panel.hidden = false;
  if (window.roikitPage) {
    window.roikitPage.scenarios = {
      pinned: () => S.pinnedOf(p.list).map((s) => ({ id: s.id, name: s.name })),
      apply: (id) => p.apply(id),
      active: () => p.active(),
      compareLink: () => p.compareLink(), // the address Copy comparison link copies ('' with nothing pinned)
    };
  }
  return p;
}
