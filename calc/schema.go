package calc

// JSONSchema describes the calculator's request as a JSON Schema (draft
// 2020-12), generated from the field specs: types, defaults, ranges, choices,
// required fields, and no other properties. Conditional rules (fields
// required for one metric) are stated in the descriptions; the calculator
// itself enforces them.
func (c *Calculator) JSONSchema() map[string]any {
	props, required := propertiesSchema(c.Fields)
	schema := map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"title":                c.Title,
		"description":          c.Description,
		"type":                 "object",
		"properties":           props,
		"additionalProperties": false,
	}
	if len(required) > 0 {
		schema["required"] = required
	}
	return schema
}

// propertiesSchema is the JSON Schema of an object's fields: its
// properties and the names of its required fields. An Array field is a
// list of objects described the same way.
func propertiesSchema(fields []Field) (map[string]any, []string) {
	props := make(map[string]any, len(fields))
	var required []string
	for _, f := range fields {
		p := map[string]any{"title": f.Label, "description": f.Help}
		switch f.Type {
		case Number:
			p["type"] = "number"
		case Integer:
			p["type"] = "integer"
		case Boolean:
			p["type"] = "boolean"
		case Array:
			p["type"] = "array"
			items, req := propertiesSchema(f.Items)
			item := map[string]any{"type": "object", "properties": items, "additionalProperties": false}
			if len(req) > 0 {
				item["required"] = req
			}
			p["items"] = item
			if f.MinItems > 0 {
				p["minItems"] = f.MinItems
			}
			if f.MaxItems > 0 {
				p["maxItems"] = f.MaxItems
			}
		default:
			p["type"] = "string"
		}
		if f.Default != nil {
			p["default"] = f.Default
		}
		if f.DefaultNote != "" {
			p["description"] = f.Help + " Default: " + f.DefaultNote + "."
		}
		if !f.RequiredWhen.IsZero() {
			p["description"] = p["description"].(string) + " Required when " + f.RequiredWhen.Words() + "."
		}
		if f.Min != nil {
			if f.MinExclusive {
				p["exclusiveMinimum"] = *f.Min
			} else {
				p["minimum"] = *f.Min
			}
		}
		if f.Max != nil {
			if f.MaxExclusive {
				p["exclusiveMaximum"] = *f.Max
			} else {
				p["maximum"] = *f.Max
			}
		}
		if f.MinLength > 0 {
			p["minLength"] = f.MinLength
		}
		if f.MaxLength > 0 {
			p["maxLength"] = f.MaxLength
		}
		if len(f.Enum) > 0 {
			p["enum"] = f.Enum
		}
		if f.Unit != "" {
			p["x-unit"] = f.Unit
		}
		props[f.Name] = p
		if f.Required {
			required = append(required, f.Name)
		}
	}
	return props, required
}
