// Placeholder until the clvfit helper's widget lands (it replaces this file):
// the clvfit page keeps its pre-rendered results.
export function setupCLVFit(section, api) {
  void api;
  section.setAttribute('data-clvfit', 'pending');
}
