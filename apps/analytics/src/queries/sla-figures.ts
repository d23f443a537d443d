import { type SlaComplianceFigures, type SlaFigures } from '@app/contracts';

/**
 * The SLA figures as both sources count them: per target (`key` first_response or resolution),
 * and both targets together per team, agent or category (`key` '' for none).
 */
export interface SlaRow {
  dimension: 'target' | 'team' | 'agent' | 'category';
  key: string;
  measured: number;
  met: number;
  breaches: number;
}

const figures = (row?: Pick<SlaRow, 'measured' | 'met' | 'breaches'>): SlaComplianceFigures => {
  const measured = row?.measured ?? 0;
  const met = row?.met ?? 0;
  return {
    measured,
    met,
    breaches: row?.breaches ?? 0,
    complianceRate: measured === 0 ? null : Math.round((met / measured) * 10_000) / 10_000,
  };
};

/** Most breaches first, then the most measured, then by key. */
const order = (a: SlaRow, b: SlaRow) =>
  b.breaches - a.breaches ||
  b.measured - a.measured ||
  (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function slaFiguresOf(rows: SlaRow[]): SlaFigures {
  const of = (dimension: SlaRow['dimension']) =>
    rows.filter((row) => row.dimension === dimension).sort(order);
  const target = (key: string) => of('target').find((row) => row.key === key);
  return {
    firstResponse: figures(target('first_response')),
    resolution: figures(target('resolution')),
    byTeam: of('team').map((row) => ({ teamId: row.key || null, ...figures(row) })),
    byAgent: of('agent').map((row) => ({ agentId: row.key || null, ...figures(row) })),
    byCategory: of('category').map((row) => ({ category: row.key || null, ...figures(row) })),
  };
}

/** Adds to the rows of a target and its team, agent and category. */
export class SlaRows {
  private readonly rows = new Map<string, SlaRow>();

  add(
    fact: { target: string; team: string; agent: string; category: string },
    counts: Partial<Pick<SlaRow, 'measured' | 'met' | 'breaches'>>,
  ): void {
    const keys: Array<[SlaRow['dimension'], string]> = [
      ['target', fact.target],
      ['team', fact.team],
      ['agent', fact.agent],
      ['category', fact.category],
    ];
    for (const [dimension, key] of keys) {
      const id = `${dimension}|${key}`;
      const row = this.rows.get(id) ?? { dimension, key, measured: 0, met: 0, breaches: 0 };
      row.measured += counts.measured ?? 0;
      row.met += counts.met ?? 0;
      row.breaches += counts.breaches ?? 0;
      this.rows.set(id, row);
    }
  }

  all(): SlaRow[] {
    return [...this.rows.values()];
  }
}
