/** `retort-codemod --list`: the transforms from the registry, the codes that need a human, and the other commands. */
import { legacyRecord } from '../../legacy-api/registry';
import type { Command } from '../command';
import { MANUAL, PENDING, TRANSFORMS } from '../transforms/registry';

export function listText(commands: readonly Command[]): string {
  const rows = TRANSFORMS.map((t) => [t.name, t.codes.join(',') || '-', t.engine, t.typeAware ? 'type-aware' : 'syntax', t.reportOnly ? 'reports only' : t.summary]);
  const lines = ['transforms (run in this order by `all`):', ...rows.map((r) => '  ' + r.join('\t'))];
  lines.push('', 'codes that need a human (their sites are reported by the transform named, when there is one):');
  for (const m of MANUAL) lines.push(`  ${m.code}\t${m.detectedBy ?? '-'}\t${legacyRecord(m.code).title}: ${m.reason}`);
  if (PENDING.length) {
    lines.push('', 'not available yet (the ORM legacy API they rewrite is not implemented):');
    for (const p of PENDING) lines.push(`  ${p.code}\t${p.transform}`);
  }
  lines.push('', 'commands:');
  for (const c of commands) lines.push(`  ${c.name}\t${c.summary}`);
  return lines.join('\n') + '\n';
}
