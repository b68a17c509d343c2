/**
 * Matching buyers on a review or chat page against the watch-list. Consoles often mask nicks (`阿***`): a masked
 * match is reported as possible, never as certain, because many buyers share a mask.
 */
import type { PlatformId, WatchlistEntry } from '../schemas';

export type MatchStrength = 'exact' | 'masked';

export interface WatchlistMatch {
  /** The nick as seen on the page. */
  nick: string;
  entryId: string;
  entryNick: string;
  reason: string;
  caseCount: number;
  strength: MatchStrength;
  /** Chinese, one line, for the in-page warning. */
  warning: string;
}

const MASK = /[*＊]+/gu;

export function normaliseNick(nick: string): string {
  return nick.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function isMasked(nick: string): boolean {
  return /[*＊]/u.test(nick);
}

/** `阿***` as a pattern: the visible characters in place, any characters (at least one) for each mask run. */
function maskPattern(nick: string): RegExp {
  const parts = normaliseNick(nick).split(MASK).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`, 'u');
}

function strengthOf(entryNick: string, pageNick: string): MatchStrength | null {
  const a = normaliseNick(entryNick);
  const b = normaliseNick(pageNick);
  if (!a || !b) return null;
  if (a === b) return isMasked(a) ? 'masked' : 'exact';
  if (isMasked(a) && !isMasked(b) && maskPattern(a).test(b)) return 'masked';
  if (isMasked(b) && !isMasked(a) && maskPattern(b).test(a)) return 'masked';
  return null;
}

export function matchWatchlist(
  entries: readonly WatchlistEntry[],
  platform: PlatformId,
  nicks: readonly string[],
): WatchlistMatch[] {
  const matches: WatchlistMatch[] = [];
  for (const nick of new Set(nicks)) {
    for (const entry of entries) {
      if (entry.platform !== null && entry.platform !== platform) continue;
      const strength = strengthOf(entry.nick, nick);
      if (!strength) continue;
      const cases = entry.caseKeys.length > 0 ? `，关联 ${entry.caseKeys.length} 个案件` : '';
      const who = strength === 'exact' ? `买家「${nick}」在您的观察名单中` : `买家「${nick}」可能是观察名单中的「${entry.nick}」（昵称已打码，请核对）`;
      matches.push({
        nick,
        entryId: entry.id,
        entryNick: entry.nick,
        reason: entry.reason,
        caseCount: entry.caseKeys.length,
        strength,
        warning: `${who}：${entry.reason || '未写原因'}${cases}。沟通请只用平台消息并保留记录，发货前建议拍摄打包视频。`,
      });
    }
  }
  return matches;
}

/** A new entry, or the existing one for the same nick and platform with the case linked and the reason kept. */
export function addToWatchlist(
  existing: readonly WatchlistEntry[],
  input: { platform: PlatformId | null; nick: string; reason: string; caseKey?: string | null },
  nowMs: number,
  nowIso: string,
  newId: () => string,
): WatchlistEntry {
  const nick = input.nick.trim();
  if (!nick) throw new Error('请填写买家昵称');
  const same = existing.find((e) => e.platform === input.platform && normaliseNick(e.nick) === normaliseNick(nick));
  if (same) {
    const caseKeys = input.caseKey && !same.caseKeys.includes(input.caseKey) ? [...same.caseKeys, input.caseKey] : same.caseKeys;
    const reason = input.reason.trim() && !same.reason.includes(input.reason.trim()) ? `${same.reason}；${input.reason.trim()}`.replace(/^；/, '') : same.reason;
    return { ...same, caseKeys, reason };
  }
  return {
    id: newId(),
    platform: input.platform,
    nick,
    reason: input.reason.trim(),
    caseKeys: input.caseKey ? [input.caseKey] : [],
    addedAt: nowIso,
    addedAtMs: nowMs,
  };
}
