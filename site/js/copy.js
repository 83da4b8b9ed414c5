// Copying text for the reader: the clipboard API, or a selected read-only
// field beside the button to copy by hand where the clipboard is denied.
// How it went is said beside the button (its [data-role=copy-status], a
// role=status element, so it is also announced) for CONFIRM_MS.

/** CONFIRM_MS is how long a confirmation ("Link copied") stays beside its button. */
export const CONFIRM_MS = 2500;

/** MAX_LINK_CHARS: browsers, mail and chat programs may cut a longer link. */
export const MAX_LINK_CHARS = 2000;

/** linkMessage is what Copy link says for url: a link too long to travel well points to a scenario file. */
export function linkMessage(url) {
  const n = String(url).length;
  if (n <= MAX_LINK_CHARS) return 'Link copied.';
  return `Link copied, but it is ${n.toLocaleString('en-US')} characters long: some browsers and mail programs cut links over ${MAX_LINK_CHARS.toLocaleString('en-US')} characters. Use Save to file to keep the whole scenario.`;
}

/** copyStatus is the status element beside button, or fallback. */
function copyStatus(button, fallback) {
  const holder = button.parentElement;
  return (holder && holder.querySelector('[data-role="copy-status"]')) || fallback || null;
}

/**
 * copyText copies text and says how it went beside the button (done on
 * success, e.g. "Link copied"), or in statusEl (may be null) when the button
 * has no status element of its own; keep leaves the message until the
 * next copy. It resolves to whether it copied.
 */
export async function copyText(text, button, statusEl, done, keep = false) {
  let ok = false;
  try {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      await navigator.clipboard.writeText(text);
      ok = true;
    }
  } catch {
    ok = false;
  }
  let field = button.parentElement && button.parentElement.querySelector('input[data-role="copy-fallback"]');
  if (!ok) {
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
  if (ok && field) {
    // Copied: the field to copy by hand is not needed any more.
    if (document.activeElement === field) button.focus();
    field.remove();
  }
  const status = copyStatus(button, statusEl);
  if (status) {
    const message = ok ? String(done).replace(/\.$/, '') : 'Select the text and copy it (Ctrl+C or ⌘C)';
    status.textContent = message;
    status.classList.toggle('copy-status--error', !ok);
    clearTimeout(status.roikitTimer);
    if (ok && !keep) {
      status.roikitTimer = setTimeout(() => {
        if (status.textContent === message) status.textContent = '';
      }, CONFIRM_MS);
    }
  }
  return ok;
}
