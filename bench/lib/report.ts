/** The benchmark figures: how each is judged against its goal, printed and saved. */

export type Unit = 'bytes' | 'ms' | 'MB';

export interface Goal {
  /** What the goal limits: the figure's value or its ratio to the baseline. */
  on: 'value' | 'ratio';
  max: number;
}

export interface Figure {
  id: string;
  label: string;
  unit: Unit;
  value: number;
  /** What the value is compared with, measured in the same run. */
  baselineLabel: string;
  baseline: number | null;
  /** value / baseline. */
  ratio: number | null;
  goal: Goal | null;
  result: 'pass' | 'miss' | 'info';
  /** How it was measured, or why a goal is missed. */
  note: string;
  /** Raw samples summarised (medians, percentiles, counts). */
  details?: Record<string, unknown>;
}

export function figure(input: Omit<Figure, 'ratio' | 'result'>): Figure {
  const ratio = input.baseline ? input.value / input.baseline : null;
  let result: Figure['result'] = 'info';
  if (input.goal) {
    const judged = input.goal.on === 'value' ? input.value : ratio;
    result = judged !== null && judged <= input.goal.max ? 'pass' : 'miss';
  }
  return { ...input, ratio, result };
}

export function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return '—';
  switch (unit) {
    case 'bytes':
      return `${(value / 1000).toFixed(1)} KB`;
    case 'MB':
      return `${value.toFixed(1)} MB`;
    case 'ms':
      return value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(1)} ms`;
  }
}

function formatGoal(goal: Goal | null, unit: Unit): string {
  if (!goal) return '—';
  return goal.on === 'ratio' ? `≤ ${goal.max}×` : `≤ ${formatValue(goal.max, unit).replace(/\.0 /, ' ').replace(/\.00 /, ' ')}`;
}

/** A fixed-width table: one line per figure, then the baseline of each. */
export function formatTable(figures: readonly Figure[]): string {
  const header = ['#', 'figure', 'value', 'baseline', 'ratio', 'goal', 'result'];
  const rows = figures.map((f, i) => [
    String(i + 1),
    f.label,
    formatValue(f.value, f.unit),
    formatValue(f.baseline, f.unit),
    f.ratio === null ? '—' : `${f.ratio.toFixed(2)}×`,
    formatGoal(f.goal, f.unit),
    f.result,
  ]);
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, col) => (col >= 2 && col <= 4 ? cell.padStart(widths[col] ?? 0) : cell.padEnd(widths[col] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), '', 'Baselines:'];
  figures.forEach((f, i) => out.push(`  ${i + 1}. ${f.baselineLabel}`));
  return out.join('\n');
}
