import type { PlatformId } from '../schemas';
import { jdChatLog, jdDongdongChat, jdProfile, jdReviewList } from './jd';
import { meituanChat, meituanProfile, meituanReviewList } from './meituan';
import { pddReviewList, pinduoduoProfile } from './pinduoduo';
import type { PlatformProfile } from './profile';
import { pddChat } from './pinduoduoChat';
import { taobaoChatRecords, taobaoProfile, taobaoReviewList } from './taobao';
import type { ChatPageAdapter, ReviewPageAdapter } from './types';

/** Every review-page adapter; a new page layout is one new entry here plus its fixture. */
export const REVIEW_PAGE_ADAPTERS: readonly ReviewPageAdapter[] = [pddReviewList, taobaoReviewList, jdReviewList, meituanReviewList];

const PROFILES: Partial<Record<PlatformId, PlatformProfile>> = {
  pinduoduo: pinduoduoProfile,
  taobao: taobaoProfile,
  jd: jdProfile,
  dianping: meituanProfile,
};

export function platformProfile(platform: PlatformId): PlatformProfile {
  const profile = PROFILES[platform];
  if (!profile) throw new Error(`暂不支持该平台：${platform}`);
  return profile;
}

export function adapterForUrl(url: string): ReviewPageAdapter | undefined {
  return REVIEW_PAGE_ADAPTERS.find((a) => a.matchesUrl(url));
}

/** Every chat-page adapter. */
export const CHAT_PAGE_ADAPTERS: readonly ChatPageAdapter[] = [pddChat, taobaoChatRecords, jdDongdongChat, jdChatLog, meituanChat];

export function chatAdapterForUrl(url: string): ChatPageAdapter | undefined {
  return CHAT_PAGE_ADAPTERS.find((a) => a.matchesUrl(url));
}

export const CONSOLE_MATCH_PATTERNS: string[] = [
  ...new Set([...REVIEW_PAGE_ADAPTERS, ...CHAT_PAGE_ADAPTERS].flatMap((a) => a.matchPatterns)),
];
