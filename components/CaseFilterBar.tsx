import { CASE_GROUP_LABEL, type CaseGroup, type CaseQuery } from '../lib/cases/caseFilter';
import { PLATFORM_LABEL, type PlatformId } from '../lib/schemas';

const GROUPS: readonly CaseGroup[] = ['all', 'open', 'closed'];

/** Search box, 全部 / 进行中 / 已结案, and the platforms when the cases are on more than one. */
export function CaseFilterBar({
  query,
  onChange,
  counts,
  platforms,
}: {
  query: CaseQuery;
  onChange: (query: CaseQuery) => void;
  counts: Record<CaseGroup, number>;
  platforms: readonly PlatformId[];
}) {
  return (
    <div className="rg-filter" role="search" aria-label="查找案件">
      <input
        type="search"
        data-testid="case-search"
        placeholder="搜索订单号、买家昵称、评价内容"
        aria-label="搜索案件"
        value={query.text}
        onChange={(e) => onChange({ ...query, text: e.target.value })}
      />
      <div className="rg-chips">
        {GROUPS.map((group) => (
          <button
            key={group}
            type="button"
            data-testid={`case-group-${group}`}
            aria-pressed={query.group === group}
            onClick={() => onChange({ ...query, group })}
          >
            {CASE_GROUP_LABEL[group]} {counts[group]}
          </button>
        ))}
        {platforms.length > 1 && (
          <select
            data-testid="case-platform"
            aria-label="平台"
            value={query.platform}
            onChange={(e) => onChange({ ...query, platform: e.target.value as CaseQuery['platform'] })}
          >
            <option value="all">全部平台</option>
            {platforms.map((p) => (
              <option key={p} value={p}>
                {PLATFORM_LABEL[p]}
              </option>
            ))}
          </select>
        )}
      </div>
    </div>
  );
}
