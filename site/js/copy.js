// Copying text for the reader: the clipboard API, or a selected read-only
// field beside the button to copy by hand where the clipboard is denied.

/** copyText copies text and says how it went in statusEl (may be null). */
export async function copyText(text, button, statusEl, done) {
  let ok = false;
  try {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      await navigator.clipboard.writeText(text);
      ok = true;
    }
  } catch {
    ok = false;
  }
  if (!ok) {
    let field = button.parentElement && button.parentElement.querySelector('input[data-role="copy-fallback"]');
    if (!field) {
      field = document.createElement('input');
      field.type = 'text';
      field.readOnly = true;
      field.className = 'input copy-fallback';
      field.setAttribute('data-role', 'copy-fallback');
      field.setAttribute('aria-label', 'Link to copy');
      button.insertAdjacentElement('afterend', field);
    }
    field.value = text;
    field.focus();
    field.select();
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
  }
  if (statusEl) statusEl.textContent = ok ? done : 'Select the text and copy it.';
}
