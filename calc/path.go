package calc

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// PathValue follows a dotted path of JSON names and list indexes into a
// typed response (or any value the contract encodes as JSON), as the
// page's data-field attributes name values: "n_control",
// "relative_lift_ci.0", "bgnbd.r", "warnings.0.code". It returns the Go
// value there: float64, int, bool, string, a struct or a list, or nil for
// what the JSON has as null or leaves out (a nil pointer, an omitempty
// zero). A path that names nothing the type has is an error that lists
// what there is.
func PathValue(v any, path string) (any, error) {
	cur := reflect.ValueOf(v)
	done := ""
	for _, part := range strings.Split(path, ".") {
		cur = deref(cur)
		if !cur.IsValid() {
			return nil, nil // null: what follows is absent too
		}
		switch cur.Kind() {
		case reflect.Struct:
			f, omitEmpty, ok := jsonField(cur, part)
			if !ok {
				return nil, fmt.Errorf("%q has no %q (it has %s)", orTop(done), part, strings.Join(jsonNames(cur.Type()), ", "))
			}
			cur = f
			if omitEmpty && f.IsZero() {
				return nil, nil
			}
		case reflect.Slice, reflect.Array:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= cur.Len() {
				return nil, fmt.Errorf("%q is a list of %d: %q is not an index of it", orTop(done), cur.Len(), part)
			}
			cur = cur.Index(i)
		default:
			return nil, fmt.Errorf("%q is a single value: it has no %q", orTop(done), part)
		}
		done = strings.TrimPrefix(done+"."+part, ".")
	}
	cur = deref(cur)
	if !cur.IsValid() {
		return nil, nil
	}
	return cur.Interface(), nil
}

// FieldNames lists the JSON names of a struct's fields (v a struct or a
// pointer to one), those of embedded structs included, sorted; nil for any
// other value.
func FieldNames(v any) []string {
	t := reflect.TypeOf(v)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	return jsonNames(t)
}

// deref follows pointers and interfaces; a nil one gives the zero Value.
func deref(v reflect.Value) reflect.Value {
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}

// jsonField returns the field of struct value v whose JSON name is name,
// looking into embedded structs (Notes) as encoding/json does, and whether
// its tag says omitempty.
func jsonField(v reflect.Value, name string) (reflect.Value, bool, bool) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		n, opts, _ := strings.Cut(tag, ",")
		if sf.Anonymous && n == "" && sf.Type.Kind() == reflect.Struct {
			if f, omit, ok := jsonField(v.Field(i), name); ok {
				return f, omit, true
			}
			continue
		}
		if n == name && n != "-" {
			return v.Field(i), slices.Contains(strings.Split(opts, ","), "omitempty"), true
		}
	}
	return reflect.Value{}, false, false
}

// jsonNames lists a struct type's JSON names, embedded structs included, sorted.
func jsonNames(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		n, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if sf.Anonymous && n == "" && sf.Type.Kind() == reflect.Struct {
			out = append(out, jsonNames(sf.Type)...)
		} else if n != "" && n != "-" {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

func orTop(s string) string {
	if s == "" {
		return "the response"
	}
	return s
}
