package vntext

//go:generate go run ./internal/gen -in testdata/legacy-encodings.json -out tables.go
