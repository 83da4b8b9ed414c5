package embed

import (
	"regexp"
	"strings"
)

// namedColors are CSS Color 4's 148 named colours (transparent and
// currentcolor excluded: neither is an accent). site/js/accent.js holds the
// same list (TestAccentNamesMatchThePage).
var namedColors = map[string]bool{}

func init() {
	for _, n := range strings.Fields(namedColorList) {
		namedColors[n] = true
	}
}

const namedColorList = `
aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue
blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue
cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey
darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon
darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink
deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia
gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink
indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue
lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey lightpink
lightsalmon lightseagreen lightskyblue lightslategray lightslategrey lightsteelblue
lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue
mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen
mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite
navy oldlace olive olivedrab orange orangered orchid palegoldenrod palegreen
paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple
rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell
sienna silver skyblue slateblue slategray slategrey snow springgreen steelblue tan
teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen
`

var (
	accentHex = regexp.MustCompile(`(?i)^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$`)
	accentWS  = `[\t\n\f\r ]*` // CSS whitespace
	accentNum = `[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?(?:%|deg|grad|rad|turn)?`
	accentSep = `(?:` + accentWS + `,` + accentWS + `|[\t\n\f\r ]+)`
	accentFn  = regexp.MustCompile(`(?i)^(?:rgba?|hsla?)\(` + accentWS + accentNum + accentSep + accentNum + accentSep + accentNum +
		`(?:` + accentWS + `[,/]` + accentWS + accentNum + `)?` + accentWS + `\)$`)
)

// IsAccentColor reports whether s is a colour an embed page accepts as its
// ?accent= (the grammar of site/js/accent.js): #rgb, #rgba, #rrggbb,
// #rrggbbaa; rgb(), rgba(), hsl(), hsla() with three numbers (and an
// alpha), numbers with an optional %, deg, grad, rad or turn; a named
// colour (any case); at most 64 characters. var(), url(), calc(),
// expression() and anything else are not colours here.
func IsAccentColor(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	return accentHex.MatchString(s) || accentFn.MatchString(s) || namedColors[strings.ToLower(s)]
}
