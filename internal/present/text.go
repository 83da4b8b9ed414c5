package present

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/roikit/roikit/calc"
)

// Number writes a number for a terminal by its unit: a fraction as a
// percentage with up to two decimals (0.055 -> "5.5 %"), money with two
// decimals and grouped thousands, counts and durations grouped, anything
// else with up to four decimals (or 4 significant digits when very small
// or very large).
func Number(f float64, unit calc.Unit) string {
	switch unit {
	case calc.Fraction:
		return trimZeros(strconv.FormatFloat(f*100, 'f', 2, 64)) + " %"
	case calc.Currency:
		return calc.FormatFixed(f, 2)
	case calc.Count, calc.Days, calc.Weeks, calc.Months:
		if f == math.Trunc(f) {
			return calc.FormatFixed(f, 0)
		}
		return calc.FormatFixed(f, 1)
	}
	if f != 0 && (math.Abs(f) < 1e-3 || math.Abs(f) >= 1e9) {
		return strconv.FormatFloat(f, 'g', 4, 64)
	}
	return trimZeros(strconv.FormatFloat(f, 'f', 4, 64))
}

// Text writes one output value (as calc.PathValue gives it) for a terminal:
// numbers by Number, booleans as yes/no, an interval of two numbers as "a
// to b", an object as its fields in name order, a longer list by its length.
func Text(v any, unit calc.Unit) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case float64:
		return Number(x, unit)
	case int:
		return Number(float64(x), unit)
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case string:
		return x
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		if rv.Len() == 2 && rv.Type().Elem().Kind() == reflect.Float64 {
			return Text(rv.Index(0).Float(), unit) + " to " + Text(rv.Index(1).Float(), unit)
		}
		return fmt.Sprintf("%d values (--json prints them)", rv.Len())
	case reflect.Struct:
		var parts []string
		for _, name := range calc.FieldNames(v) {
			fv, _ := calc.PathValue(v, name)
			if fv == nil {
				continue
			}
			parts = append(parts, name+" "+Text(fv, calc.Plain))
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprint(v)
}

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
