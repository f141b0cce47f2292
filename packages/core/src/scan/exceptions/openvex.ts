import { createHash } from 'node:crypto';
import { msg } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import {
  imageLabel,
  type ReportFinding,
  type ScanResults,
  type ScanTarget,
  type VexJustification,
} from '../report/model.js';
import { parsePurl, purlMatches } from './purl.js';

/*
 * OpenVEX 0.2.0 in and out. In: statements whose status is not_affected (with a justification or
 * an impact statement) or fixed accept the findings they designate, by vulnerability id or alias,
 * for the products named (an image by reference or digest, or a package URL) and, when given,
 * only their subcomponents. affected and under_investigation statements change nothing. When
 * several statements designate a finding, the latest (by timestamp, then document order) wins.
 * Out: one statement per finding: accepted ones as not_affected or fixed, the others as affected
 * with the upgrade to make, or under_investigation when no fix is known.
 */

export const OPENVEX_CONTEXT = 'https://openvex.dev/ns/v0.2.0';

export interface VexStatement {
  readonly vulnerability: string;
  readonly aliases: readonly string[];
  readonly status: 'not_affected' | 'affected' | 'fixed' | 'under_investigation';
  readonly products: readonly {
    readonly ids: readonly string[];
    readonly subcomponents: readonly string[];
  }[];
  readonly justification?: VexJustification;
  readonly text: string;
  readonly timestamp: string;
  readonly author: string;
  /** `file#@id[index]`. */
  readonly source: string;
}

/** Does a product id designate this image (by reference, digest or oci purl)? */
function designatesImage(id: string, t: ScanTarget): boolean {
  if (id === t.name || id === imageLabel(t)) return true;
  if (t.digest !== undefined && id.includes(t.digest)) return true;
  if (!id.startsWith('pkg:oci/')) return false;
  // pkg:oci/NAME@DIGEST?repository_url=...: the name must match, and the digest when both are known.
  const oci = parsePurl(id);
  if (oci === undefined) return false;
  if (oci.version !== undefined && t.digest !== undefined && oci.version !== t.digest) return false;
  const bare = t.name.replace(/@sha256:[0-9a-f]+$/, '').replace(/:[^/:]+$/, '');
  return bare === oci.name || bare.endsWith(`/${oci.name}`);
}

function designatesPackage(id: string, f: ReportFinding): boolean {
  return id.startsWith('pkg:') ? purlMatches(id, f.package.purl) : id === f.package.name;
}

export function statementApplies(s: VexStatement, t: ScanTarget, f: ReportFinding): boolean {
  const names = new Set([f.vulnerability.id, ...f.vulnerability.aliases]);
  if (!names.has(s.vulnerability) && !s.aliases.some((a) => names.has(a))) return false;
  if (s.products.length === 0) return true;
  return s.products.some((p) => {
    const image = p.ids.some((id) => designatesImage(id, t));
    const pkg = p.ids.some((id) => designatesPackage(id, f));
    if (p.subcomponents.length === 0) return image || pkg;
    return (image || pkg || p.ids.length === 0) && p.subcomponents.some((c) => designatesPackage(c, f));
  });
}

/** The OpenVEX image product id: a pkg:oci purl with the digest when known. */
function productId(t: ScanTarget): string {
  if (t.digest === undefined) return t.name;
  const repo = t.name.replace(/@sha256:[0-9a-f]+$/, '').replace(/:[^/:]+$/, '');
  const name = repo.split('/').pop() ?? repo;
  return `pkg:oci/${encodeURIComponent(name)}@${encodeURIComponent(t.digest)}?repository_url=${encodeURIComponent(repo)}`;
}

export interface OpenVexOptions {
  readonly author?: string;
}

/** One OpenVEX 0.2.0 document stating Quai's view of every finding. */
export function renderOpenVex(results: ScanResults, options: OpenVexOptions = {}): unknown {
  const statements: Record<string, unknown>[] = [];
  for (const t of results.targets) {
    for (const f of t.findings) {
      const v = f.vulnerability;
      const base = {
        vulnerability: {
          name: v.id,
          ...(v.aliases.length === 0 ? {} : { aliases: [...new Set(v.aliases)] }),
        },
        products: [{ '@id': productId(t), subcomponents: [{ '@id': f.package.purl }] }],
      };
      const s = f.suppressed;
      if (s !== undefined && s.vexStatus === 'fixed') {
        statements.push({ ...base, status: 'fixed', status_notes: s.justification });
      } else if (s !== undefined) {
        statements.push({
          ...base,
          status: 'not_affected',
          ...(s.vexJustification === undefined
            ? {
                impact_statement: `${s.justification} (${s.source}${s.expires === undefined ? '' : `, until ${s.expires}`})`,
              }
            : { justification: s.vexJustification }),
        });
      } else if (v.fixedVersion !== undefined) {
        statements.push({
          ...base,
          status: 'affected',
          action_statement: `Upgrade ${f.package.name} from ${f.package.version} to ${v.fixedVersion} or later (rebuild the image on an updated base).`,
        });
      } else {
        statements.push({
          ...base,
          status: 'under_investigation',
          status_notes:
            f.status === undefined
              ? 'No fixed version is known yet.'
              : `Vendor status: ${f.status.replace(/_/g, ' ')}.`,
        });
      }
    }
  }
  if (statements.length === 0) {
    throw new QuaiError('INPUT_INVALID', msg('scan.vex.empty'), { hint: msg('scan.vex.emptyHint') });
  }
  const id = createHash('sha256').update(JSON.stringify(statements)).digest('hex').slice(0, 32);
  return {
    '@context': OPENVEX_CONTEXT,
    '@id': `https://quai.dev/vex/${id}`,
    author: options.author ?? 'Quai',
    timestamp: results.generatedAt,
    version: 1,
    tooling: `quai ${results.tool.version}`,
    statements,
  };
}
