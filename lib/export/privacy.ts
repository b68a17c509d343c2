/**
 * Masks buyer personal data (phone numbers, ID numbers, addresses, names) in exported text. Only exported copies are
 * masked; what is stored in the database stays exactly as captured.
 */

const MOBILE = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(0\d{2,3})[- ]?(\d{3,4})(\d{4})(?!\d)/g;
const ID_CARD = /(?<![\dA-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![\dA-Za-z])/g;
/** A Chinese address from its province/city onwards: keep the region, hide the street, building and room. */
const ADDRESS =
  /([\u4e00-\u9fa5]{2,8}?(?:省|自治区|市))((?:[\u4e00-\u9fa5]{1,8}?(?:自治州|市|区|县|旗|盟)){0,2})((?:[\u4e00-\u9fa5A-Za-z0-9\-#]{1,30}?(?:路|街|道|巷|弄|胡同|村|镇|乡|小区|大厦|花园|苑|号|栋|幢|座|单元|室|楼))+[0-9A-Za-z\-#]*)/g;
/** Names introduced by a label: 收货人：张三, 我叫李四, 姓名 王小明. */
const LABELLED_NAME = /((?:收货人|收件人|联系人|姓名|我叫|本人|真实姓名)\s*[:：是]?\s*)([\u4e00-\u9fa5]{2,4})/g;

export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return name;
  if (chars.length === 1) return '*';
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 4))}`;
}

export interface MaskOptions {
  /** Names known to belong to the buyer (e.g. the nickname on the review), masked wherever they occur. */
  names?: readonly (string | null | undefined)[];
}

export function maskPersonalData(text: string, options: MaskOptions = {}): string {
  let out = text
    .replace(ID_CARD, (_m, head: string, tail: string) => `${head}********${tail}`)
    .replace(MOBILE, (_m, a: string, _b: string, c: string) => `${a}****${c}`)
    .replace(LANDLINE, (_m, a: string, _b: string, c: string) => `${a}-****${c}`)
    .replace(ADDRESS, (_m, province: string, city: string, rest: string) => `${province}${city}${'*'.repeat(Math.min(Array.from(rest).length, 8))}`)
    .replace(LABELLED_NAME, (_m, label: string, name: string) => `${label}${maskName(name)}`);
  for (const name of options.names ?? []) {
    const trimmed = name?.trim();
    // Platforms already show masked nicks such as `t**8`; a one-character name would mask every occurrence of a word.
    if (!trimmed || Array.from(trimmed).length < 2 || trimmed.includes('*')) continue;
    out = out.split(trimmed).join(maskName(trimmed));
  }
  return out;
}

/** The personal data found in a text (phone numbers, ID numbers, addresses, labelled names): what to box for masking. */
export function findPersonalData(text: string): string[] {
  const found: string[] = [];
  for (const pattern of [ID_CARD, MOBILE, LANDLINE, ADDRESS]) for (const m of text.matchAll(pattern)) found.push(m[0]);
  for (const m of text.matchAll(LABELLED_NAME)) if (m[2]) found.push(m[2]);
  return [...new Set(found)];
}
