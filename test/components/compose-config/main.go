// compose-config loads a compose project with compose-spec/compose-go, the loader docker compose
// itself uses, and prints the normalised model as JSON: an independent oracle for Quai's parser
// (`docker compose config` without a Docker engine). Deterministic: no OS environment is read,
// only the variables and env files named on the command line.
//
//	compose-config -w DIR -p NAME [--env-file FILE]... [-e NAME=VALUE]... -f FILE [-f FILE]...
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
)

type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	var files, envFiles, env list
	workdir := flag.String("w", ".", "working directory")
	name := flag.String("p", "", "project name")
	flag.Var(&files, "f", "compose file (repeatable)")
	flag.Var(&envFiles, "env-file", "env file (repeatable)")
	flag.Var(&env, "e", "NAME=VALUE (repeatable)")
	flag.Parse()
	opts := []cli.ProjectOptionsFn{
		cli.WithWorkingDirectory(*workdir),
		cli.WithEnv(env),
		cli.WithEnvFiles(envFiles...),
		cli.WithDotEnv,
		cli.WithInterpolation(true),
		cli.WithNormalization(true),
		cli.WithResolvedPaths(true),
		cli.WithDiscardEnvFile,
	}
	if *name != "" {
		opts = append(opts, cli.WithName(*name))
	}
	po, err := cli.NewProjectOptions(files, opts...)
	if err == nil {
		var p any
		p, err = po.LoadProject(context.Background())
		if err == nil {
			enc := json.NewEncoder(os.Stdout)
			enc.SetIndent("", "  ")
			err = enc.Encode(p)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
