/** The residual scan: every import of retort/legacy left after a run, with the names that tie it to 1.x. */
import { residualUses } from '../../codemods/run/report';

describe('residualUses()', () => {
  it('lists each legacy import with its shim-only names, following an import over several lines', () => {
    const text = [
      "import { select, update } from 'retort/legacy';",
      'import {',
      '  Session,',
      '  type LegacyConnection,',
      '  insert as add,',
      "} from 'retort/legacy';",
      "import * as R from 'retort/legacy';",
      "import { select as s2 } from 'retort';",
      "const legacy = require('retort/legacy');",
    ].join('\n');
    expect(residualUses('src/a.ts', text)).toEqual([
      { file: 'src/a.ts', line: 1, text: "import { select, update } from 'retort/legacy';", legacyOnly: [] },
      { file: 'src/a.ts', line: 6, text: "} from 'retort/legacy';", legacyOnly: ['Session', 'LegacyConnection'] },
      // What a namespace or a require uses is not read: it counts as tied to 1.x.
      { file: 'src/a.ts', line: 7, text: "import * as R from 'retort/legacy';", legacyOnly: ['*'] },
      { file: 'src/a.ts', line: 9, text: "const legacy = require('retort/legacy');", legacyOnly: ['*'] },
    ]);
  });

  it('finds nothing in a file that does not name retort/legacy', () => {
    expect(residualUses('src/b.ts', "import { select } from 'retort';\nselect();")).toEqual([]);
  });
});
