package web

import (
	"fmt"

	"github.com/kehoach/kehoach"
)

// formField is a labelled input and the problem found in it, as the "input"
// partial shows it.
type formField struct {
	Name, Label    string
	Value          any
	Problem        string
	Type           string
	MaxLength      string
	InputMode      string
	Autocomplete   string
	Autocapitalize string
}

// field makes the data of the "input" partial: the input name (also its
// id), its label, its value, and the form's problems, then pairs of
// attribute and value among "type", "maxlength", "inputmode",
// "autocomplete" and "autocapitalize".
func field(name, label string, value any, problems map[string]string, attrs ...any) (formField, error) {
	f := formField{Name: name, Label: label, Value: value, Problem: problems[name]}
	if len(attrs)%2 != 0 {
		return f, fmt.Errorf("field %s: attributes go in pairs", name)
	}
	for i := 0; i < len(attrs); i += 2 {
		v := fmt.Sprint(attrs[i+1])
		switch attrs[i] {
		case "type":
			f.Type = v
		case "maxlength":
			f.MaxLength = v
		case "inputmode":
			f.InputMode = v
		case "autocomplete":
			f.Autocomplete = v
		case "autocapitalize":
			f.Autocapitalize = v
		default:
			return f, fmt.Errorf("field %s: unknown attribute %v", name, attrs[i])
		}
	}
	if f.MaxLength == "" && (f.Type == "" || f.Type == "text" || f.Type == "email" || f.Type == "url" || f.Type == "tel") {
		f.MaxLength = fmt.Sprint(kehoach.TextMax(name))
	}
	return f, nil
}
