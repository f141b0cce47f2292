import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { onboard, render, model } from '@quai/core';
const root = '/work/wt/onboard/test/corpus';
const only = process.argv[2];
for (const p of readdirSync(root).sort()) {
  if (only && p !== only) continue;
  const src = parse(readFileSync(join(root, p, 'SOURCE.yaml'), 'utf8'));
  const imp = src.import;
  try {
    const project = await onboard.loadCompose({
      files: imp.files.map((f: string) => join(root, p, f)),
      ...(imp.envFiles ? { envFiles: imp.envFiles.map((f: string) => join(root, p, f)) } : {}),
      env: imp.env ?? {},
    });
    const r = onboard.convertCompose(project);
    const text = onboard.appSpecYaml(r.spec);
    const loaded = await model.parseAppSpec(text, join(root, p, 'app.yaml'));
    const out = render.render({ app: loaded.value, platform: model.defaultPlatform(), environment: 'prod', secrets: r.secretValues });
    console.log(`${p}: OK ${out.objects.length} objects, level ${out.policyLevel}, ${r.report.summary.refused} refused`);
  } catch (e) {
    console.log(`${p}: FAIL ${(e as Error).message.split('\n').slice(0,3).join(' | ')}`);
  }
}
