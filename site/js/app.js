// roikit's page script (ES module, bundled by esbuild into assets/app.js):
// it makes every calculator widget of the page live (site/FRONTEND.md, "Live
// behaviour"). The concerns live in their own modules: engine.js (the Web
// Worker that runs the Go core), widget.js (form, request, results, errors,
// URL), spec.js (the form spec and its conditions), chartsview.js (ECharts),
// settings.js (locale and currency), embedpage.js (embed pages and the
// "Embed this" panel), copy.js, clvfit.js (the file-fitting widget),
// guidefigures.js (a guide's inline figures), dock.js (results kept in
// view), print.js (the printed report) and plan.js (the business case).
// This file only wires them together.
import { Engine, blobWorker } from './engine.js';
import { Widget } from './widget.js';
import { initCharts, useChartLibrary, applyCharts, redrawCharts } from './chartsview.js';
import { initSettings, format, settings } from './settings.js';
import { initEmbedPage, initEmbedPanels, updateEmbedPanels, syncEmbedSettings } from './embedpage.js';
import { setupCLVFit } from './clvfit.js';
import { initGuideFigures } from './guidefigures.js';
import { initDock } from './dock.js';
import { initPrint } from './print.js';
import { planHost, startPlan } from './plan.js';
import { initExports } from './exports.js';
import { initScenarios } from './scenarios.js';
import { initPresent } from './present.js';
import { initPlanScenarios } from './plancompare.js';
import { initPeeking } from './peeking.js';

import { initMDEWeeks } from './mdeweeks.js';
import { enableDeferredStyles } from './deferredstyles.js';

enableDeferredStyles();

const appScript = document.getElementById('roikit-app') || document.querySelector('script[data-wasm]');

function absolute(attr) {
  const v = appScript && appScript.getAttribute(attr);
  return v ? new URL(v, document.baseURI).href : '';
}

const urls = {
  wasm: absolute('data-wasm'),
  wasmExec: absolute('data-wasm-exec'),
  worker: absolute('data-worker'),
  charts: absolute('data-charts'),
};

const engine = new Engine(() => blobWorker(urls));
const widgets = [];
const scenarioHosts = []; // clvfit's (clvfitscenarios.js)

/** clvfitAPI is what the clvfit widget needs of the page (site/js/clvfit.js). */
function clvfitAPI(section) {
  const key = section.getAttribute('data-calc-id') || section.id || 'clvfit';
  return {
    run: (name, requestJSON, onProgress, file) => engine.run(key, name, requestJSON, { onProgress, file }),
    cancel: () => engine.cancel(key),
    format,
    renderCharts: (chartsJSON) => applyCharts(section, chartsJSON),
  };
}

function init() {
  // Start the worker now: fetching and compiling the module overlaps with
  // the rest of the set-up.
  if (document.querySelector('section[data-calc]') && urls.wasm) engine.start();
  useChartLibrary(urls.charts);
  initEmbedPage();
  initSettings((previous) => {
    for (const w of widgets) w.localize(previous);
    syncEmbedSettings();
    redrawCharts();
  });
  initCharts(document);
  for (const section of document.querySelectorAll('section[data-calc]')) {
    if (section.getAttribute('data-calc') === 'clvfit') {
      try {
        const host = setupCLVFit(section, clvfitAPI(section));
        if (host) scenarioHosts.push(host); // the Scenarios panel works with it as with a widget
      } catch (err) {
        console.error('roikit: clvfit widget', err); // eslint-disable-line no-console
      }
      continue;
    }
    const hook = planHost(section); // the business case adds to its widget's request
    const w = new Widget(section, { engine, onQuery: updateEmbedPanels, adjustRequest: hook ? hook.adjustRequest : null });
    widgets.push(w);
    if (hook) startPlan(hook, engine, w);
  }
  initGuideFigures(document); // before the widgets' first answers
  initPeeking(document, engine); // the significance page's peeking demonstration, before the first answers

  initMDEWeeks(document); // samplesize's table by week: the planned row
  initExports(document); // chart and results exports, before the first answers too
  for (const w of widgets) w.init();
  initDock(document);
  initPrint(widgets);
  const primary = widgets.find((w) => w.primary) || null;
  initEmbedPanels(() => (primary ? primary.embedQuery() : new URLSearchParams()));
  syncEmbedSettings();
  window.roikitPage = { engine, widgets, settings, version: '2' };
  initScenarios([...widgets, ...scenarioHosts], engine); // adds window.roikitPage.scenarios
  initPlanScenarios(); // on /plan/, the compared plans are the scenarios
  initPresent(document);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
