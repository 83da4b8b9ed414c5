// Small DOM builders shared by the page scripts. Text goes in as text
// nodes, never as markup.

/** el makes an element with a class and children (strings and numbers become text; null and undefined are skipped). */
export function el(tag, cls, ...children) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}
