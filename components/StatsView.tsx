import { useLiveQuery } from 'dexie-react-hooks';
import { caseStatistics } from '../lib/insight/statistics';
import { CATEGORY_LABEL, PLATFORM_LABEL, type Category, type PlatformId } from '../lib/schemas';
import type { PanelViewProps } from './views';

interface Bar {
  label: string;
  value: number;
  text: string;
}

/** A small horizontal bar chart in SVG; labels are text nodes, never HTML. */
function BarChart({ title, bars, max, testId }: { title: string; bars: Bar[]; max?: number; testId: string }) {
  const top = max ?? Math.max(1, ...bars.map((b) => b.value));
  const rowH = 24;
  const labelW = 110;
  const width = 380;
  return (
    <figure className="rg-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg width={width} height={bars.length * rowH + 4} role="img" aria-label={title}>
        {bars.map((b, i) => {
          const w = top > 0 ? ((width - labelW - 60) * b.value) / top : 0;
          return (
            <g key={b.label} transform={`translate(0, ${i * rowH + 2})`}>
              <text x={0} y={15} fontSize={12} fill="#595959">
                {b.label}
              </text>
              <rect x={labelW} y={3} width={Math.max(w, b.value > 0 ? 2 : 0)} height={16} rx={3} fill="#e02e24" opacity={0.85} />
              <text x={labelW + w + 6} y={15} fontSize={12} fill="#1f1f1f">
                {b.text}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

export function StatsView({ db }: PanelViewProps) {
  const cases = useLiveQuery(() => db.cases.toArray(), [db]);
  if (!cases) return <p className="rg-empty">正在读取本地数据…</p>;
  const stats = caseStatistics(cases);
  const platforms = Object.keys(stats.byPlatform) as PlatformId[];
  const categories = (Object.keys(stats.byCategory) as Category[]).filter((c) => stats.byCategory[c] > 0);
  return (
    <main className="rg-pane" data-testid="stats-view">
      <h2>统计（{stats.total} 个案件）</h2>
      <p data-testid="success-rate">
        申诉成功率：<b>{percent(stats.successRate)}</b>（已有结果 {stats.decidedCases} 个案件）
      </p>
      <BarChart testId="chart-platform" title="各平台案件数" bars={platforms.map((p) => ({ label: PLATFORM_LABEL[p], value: stats.byPlatform[p], text: String(stats.byPlatform[p]) }))} />
      <BarChart testId="chart-category" title="案件类型" bars={categories.map((c) => ({ label: CATEGORY_LABEL[c], value: stats.byCategory[c], text: String(stats.byCategory[c]) }))} />
      <BarChart
        testId="chart-success"
        title="各平台申诉成功率"
        max={1}
        bars={platforms.map((p) => ({
          label: PLATFORM_LABEL[p],
          value: stats.perPlatform[p].successRate ?? 0,
          text: stats.perPlatform[p].decided ? `${percent(stats.perPlatform[p].successRate)}（${stats.perPlatform[p].succeeded}/${stats.perPlatform[p].decided}）` : '暂无结果',
        }))}
      />
      <BarChart
        testId="chart-decision-time"
        title="实际处理时长（中位数，工作日）"
        bars={platforms.map((p) => ({
          label: PLATFORM_LABEL[p],
          value: stats.perPlatform[p].medianWorkingDays ?? 0,
          text: stats.perPlatform[p].medianWorkingDays === null ? '暂无结果' : `${stats.perPlatform[p].medianWorkingDays} 天`,
        }))}
      />
      <p className="rg-muted">处理时长从记录“已申诉/二次申诉/升级处理”到记录结果，按工作日计算；可与设置中的经验值对照。</p>
    </main>
  );
}
