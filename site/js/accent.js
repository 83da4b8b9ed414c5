// The embed page's ?accent= option (site/FRONTEND.md "Embed pages"): a colour
// only. CSS.supports('color', v) alone is not enough: it accepts anything with
// var() (var(--x,url(/favicon.svg)) "is" a colour at parse time, and becomes
// the page's background image through --accent). internal/embed/accent.go
// holds the same grammar (its test compares the named colours with this list).

// namedColors are CSS Color 4's 148 named colours (transparent and
// currentcolor excluded: neither is an accent).
const namedColors = new Set([
  'aliceblue', 'antiquewhite', 'aqua', 'aquamarine', 'azure', 'beige', 'bisque', 'black',
  'blanchedalmond', 'blue', 'blueviolet', 'brown', 'burlywood', 'cadetblue', 'chartreuse',
  'chocolate', 'coral', 'cornflowerblue', 'cornsilk', 'crimson', 'cyan', 'darkblue',
  'darkcyan', 'darkgoldenrod', 'darkgray', 'darkgreen', 'darkgrey', 'darkkhaki', 'darkmagenta',
  'darkolivegreen', 'darkorange', 'darkorchid', 'darkred', 'darksalmon', 'darkseagreen',
  'darkslateblue', 'darkslategray', 'darkslategrey', 'darkturquoise', 'darkviolet', 'deeppink',
  'deepskyblue', 'dimgray', 'dimgrey', 'dodgerblue', 'firebrick', 'floralwhite', 'forestgreen',
  'fuchsia', 'gainsboro', 'ghostwhite', 'gold', 'goldenrod', 'gray', 'green', 'greenyellow',
  'grey', 'honeydew', 'hotpink', 'indianred', 'indigo', 'ivory', 'khaki', 'lavender',
  'lavenderblush', 'lawngreen', 'lemonchiffon', 'lightblue', 'lightcoral', 'lightcyan',
  'lightgoldenrodyellow', 'lightgray', 'lightgreen', 'lightgrey', 'lightpink', 'lightsalmon',
  'lightseagreen', 'lightskyblue', 'lightslategray', 'lightslategrey', 'lightsteelblue',
  'lightyellow', 'lime', 'limegreen', 'linen', 'magenta', 'maroon', 'mediumaquamarine',
  'mediumblue', 'mediumorchid', 'mediumpurple', 'mediumseagreen', 'mediumslateblue',
  'mediumspringgreen', 'mediumturquoise', 'mediumvioletred', 'midnightblue', 'mintcream',
  'mistyrose', 'moccasin', 'navajowhite', 'navy', 'oldlace', 'olive', 'olivedrab', 'orange',
  'orangered', 'orchid', 'palegoldenrod', 'palegreen', 'paleturquoise', 'palevioletred',
  'papayawhip', 'peachpuff', 'peru', 'pink', 'plum', 'powderblue', 'purple', 'rebeccapurple',
  'red', 'rosybrown', 'royalblue', 'saddlebrown', 'salmon', 'sandybrown', 'seagreen',
  'seashell', 'sienna', 'silver', 'skyblue', 'slateblue', 'slategray', 'slategrey', 'snow',
  'springgreen', 'steelblue', 'tan', 'teal', 'thistle', 'tomato', 'turquoise', 'violet',
  'wheat', 'white', 'whitesmoke', 'yellow', 'yellowgreen'
]);

// CSS whitespace; a number with an optional unit.
const ws = String.raw`[\t\n\f\r ]*`;
const num = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?(?:%|deg|grad|rad|turn)?`;
const sep = String.raw`(?:${ws},${ws}|[\t\n\f\r ]+)`;
const colorFn = new RegExp(String.raw`^(?:rgba?|hsla?)\(${ws}${num}${sep}${num}${sep}${num}(?:${ws}[,/]${ws}${num})?${ws}\)$`, 'i');
const hex = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/**
 * accentColor returns value when it is a colour the embed page accepts as
 * its accent: #rgb, #rgba, #rrggbb, #rrggbbaa; rgb(), rgba(), hsl(), hsla()
 * with three numbers (and an alpha), comma- or space-separated, numbers with
 * an optional %, deg, grad, rad or turn; a named colour (any case); at most
 * 64 characters. Anything else (var(), url(), calc(), expression(), a
 * semicolon, a second value) gives null: the page keeps its own accent.
 */
export function accentColor(value) {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return null;
  if (hex.test(value) || colorFn.test(value) || namedColors.has(value.toLowerCase())) return value;
  return null;
}
