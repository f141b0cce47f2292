// Command promrules checks Prometheus rule files with Prometheus's own rule-format library
// (github.com/prometheus/prometheus/model/rulefmt), the parser that promtool check rules and the
// Prometheus server use. It prints one JSON object per file on standard output.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/prometheus/common/model"
	"github.com/prometheus/common/promslog"
	"github.com/prometheus/prometheus/model/rulefmt"
	"github.com/prometheus/prometheus/promql/parser"
)

type result struct {
	File   string   `json:"file"`
	Groups int      `json:"groups"`
	Rules  int      `json:"rules"`
	Errors []string `json:"errors"`
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: promrules FILE...")
		os.Exit(2)
	}
	failed := false
	enc := json.NewEncoder(os.Stdout)
	p := parser.NewParser(parser.Options{})
	logger := promslog.NewNopLogger()
	for _, f := range os.Args[1:] {
		r := result{File: f, Errors: []string{}}
		groups, errs := rulefmt.ParseFile(f, false, model.UTF8Validation, p, logger)
		for _, e := range errs {
			r.Errors = append(r.Errors, e.Error())
		}
		if groups != nil {
			r.Groups = len(groups.Groups)
			for _, g := range groups.Groups {
				r.Rules += len(g.Rules)
			}
		}
		if len(r.Errors) > 0 {
			failed = true
		}
		_ = enc.Encode(r)
	}
	if failed {
		os.Exit(1)
	}
}
