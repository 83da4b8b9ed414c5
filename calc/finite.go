package calc

import (
	"fmt"
	"math"
	"reflect"
	"strings"
)

// allFinite reports whether every number in a response is finite. It is the
// fast check; firstNonFinite names the culprit once one is known to exist.
func allFinite(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Float64, reflect.Float32:
		x := v.Float()
		return !math.IsNaN(x) && !math.IsInf(x, 0)
	case reflect.Pointer, reflect.Interface:
		return v.IsNil() || allFinite(v.Elem())
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Float64 {
			for i := 0; i < v.Len(); i++ {
				if x := v.Index(i).Float(); math.IsNaN(x) || math.IsInf(x, 0) {
					return false
				}
			}
			return true
		}
		for i := 0; i < v.Len(); i++ {
			if !allFinite(v.Index(i)) {
				return false
			}
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			// CanInterface is false for unexported fields, and much cheaper
			// than reading the field's reflect.StructField.
			if f := v.Field(i); f.CanInterface() && !allFinite(f) {
				return false
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			if !allFinite(iter.Value()) {
				return false
			}
		}
	}
	return true
}

// firstNonFinite returns the JSON path of the first NaN or infinite number
// in a response, or "".
func firstNonFinite(v reflect.Value, path string) string {
	switch v.Kind() {
	case reflect.Float64, reflect.Float32:
		if x := v.Float(); math.IsNaN(x) || math.IsInf(x, 0) {
			if path == "" {
				return "the result"
			}
			return path
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return firstNonFinite(v.Elem(), path)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if s := firstNonFinite(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); s != "" {
				return s
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			if !t.Field(i).IsExported() {
				continue
			}
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			sub := path
			if name != "" && name != "-" {
				if sub != "" {
					sub += "."
				}
				sub += name
			}
			if s := firstNonFinite(v.Field(i), sub); s != "" {
				return s
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			if s := firstNonFinite(iter.Value(), path+"."+iter.Key().String()); s != "" {
				return s
			}
		}
	}
	return ""
}
