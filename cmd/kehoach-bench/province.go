package main

import (
	"context"
	"fmt"
)

func buildProvince(ctx context.Context, o options, dbArgs []string) error {
	return fmt.Errorf("not yet")
}

func (s *setup) aggregate(ctx context.Context, o options, dbArgs []string) (*aggregateReport, error) {
	return nil, fmt.Errorf("not yet")
}
