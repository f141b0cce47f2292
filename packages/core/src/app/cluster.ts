import { msg, type clusterUseCases, type Outcome, type RequestOf, type ResultOf } from '@quai/contracts';
import * as clusterplan from '../clusterplan/index.js';
import type { AppContext } from './context.js';
import { readDocument } from './inputs.js';

type Spec = (typeof clusterUseCases)['cluster.plan'];

/**
 * Checks an inventory and plans the cluster: every node's files, the flows to open and the install
 * checklist in the reader's language. Errors stop it (nothing is planned); warnings are reported
 * as they are found and returned with the plan. Writing the files is the front end's job.
 */
export async function plan(req: RequestOf<Spec>, ctx: AppContext): Promise<Outcome<ResultOf<Spec>>> {
  const doc = await readDocument(ctx, req.inventory, msg('model.what.clusterInventory'));
  const planned = clusterplan.planCluster(doc.text, doc.name, {
    lang: ctx.settings.lang,
    ...(req.distribution === undefined ? {} : { distribution: req.distribution }),
  });
  for (const w of planned.warnings) {
    ctx.progress({
      kind: 'warning',
      message:
        w.hint === undefined
          ? msg('clusterplan.warningLine', { where: clusterplan.whereOf(w.location), message: w.message })
          : msg('clusterplan.warningWithHint', {
              where: clusterplan.whereOf(w.location),
              message: w.message,
              hint: w.hint,
            }),
    });
  }
  const inv = planned.inventory;
  return {
    outcome: 'ok',
    result: {
      cluster: inv.metadata.name,
      distribution: inv.spec.distribution,
      nodes: inv.spec.nodes.length,
      files: planned.files,
      firewall: planned.firewall,
      checklist: planned.checklist,
      warnings: planned.warnings.map((w) => ({
        location: { ...w.location, file: w.location.file ?? doc.name },
        message: w.message,
        ...(w.hint === undefined ? {} : { hint: w.hint }),
      })),
    },
  };
}
