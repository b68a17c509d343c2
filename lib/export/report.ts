/**
 * `report.html`: the evidence list (证据目录) a platform reviewer or a court reads first. Self-contained, prints to
 * PDF with Chinese fonts, and shows review text literally: everything from the page is escaped.
 */
import type { PackageCase, PackageFile, PackageManifest } from '../schemas';
import { EVIDENCE_KIND_LABEL } from '../schemas';
import { formatShanghai } from '../time/shanghai';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface ReportExhibit {
  number: number;
  title: string;
  /** 证明目的: what this exhibit proves. */
  purpose: string;
  capturedAt: string;
  capturedAtUtc: string;
  source: string;
  files: Pick<PackageFile, 'path' | 'sha256' | 'bytes' | 'role'>[];
  /** Relative path of the image to show, if any. */
  preview: string | null;
  /** Whether the page's own JSON for the item was recorded with the capture, in words; null for older records. */
  pageData?: string | null;
}

const ROLE_LABEL: Record<PackageFile['role'], string> = { original: '原始截图', annotated: '标注副本', document: '采集记录' };

const STYLE = `
@page { size: A4; margin: 16mm 14mm; }
body { font-family: 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Zen Hei', 'SimSun', sans-serif; color: #111; font-size: 12px; line-height: 1.6; margin: 24px; }
h1 { font-size: 20px; text-align: center; margin: 0 0 4px; }
h2 { font-size: 15px; border-bottom: 2px solid #111; padding-bottom: 2px; margin-top: 20px; }
.sub { text-align: center; color: #555; margin: 0 0 12px; }
table { width: 100%; border-collapse: collapse; margin: 6px 0; table-layout: fixed; }
th, td { border: 1px solid #555; padding: 4px 6px; vertical-align: top; word-break: break-all; text-align: left; }
th { background: #eee; }
code { font-family: 'DejaVu Sans Mono', Consolas, monospace; font-size: 10px; }
.text { white-space: pre-wrap; }
.exhibit { page-break-inside: avoid; margin-top: 12px; }
.exhibit img { max-width: 100%; border: 1px solid #999; margin-top: 4px; }
.note { color: #444; font-size: 11px; }
@media print { body { margin: 0; } a { color: inherit; text-decoration: none; } }
`;

function caseTable(c: PackageCase, masked: boolean): string {
  const rows: [string, string][] = [
    ['平台', c.platformLabel],
    ['评价编号', c.key],
    ['订单编号', c.orderSn ?? '页面未显示'],
    ['评价时间', c.reviewedAt && Number.isFinite(Date.parse(c.reviewedAt)) ? `${formatShanghai(Date.parse(c.reviewedAt), 'YYYY-MM-DD HH:mm:ss')}（北京时间）` : (c.reviewedAt ?? '页面未显示')],
    ['星级', c.stars === null ? '页面未显示' : `${c.stars} 星`],
    ['买家昵称', c.buyerNick ?? '页面未显示'],
    ['评价内容', c.reviewText || '（无文字内容）'],
    ['差评卫士分类', c.categoryLabel],
    ['案件状态', c.state],
    ['页面地址', c.pageUrl],
  ];
  return `<table><colgroup><col style="width:22%"><col></colgroup>${rows
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td class="text">${escapeHtml(v)}</td></tr>`)
    .join('')}</table>${masked ? '<p class="note">买家个人信息已在导出件中打码；数据库中的原始记录未作改动。</p>' : ''}`;
}

export function renderReportHtml(manifest: Omit<PackageManifest, 'files'>, exhibits: readonly ReportExhibit[]): string {
  const index = exhibits
    .map(
      (e) =>
        `<tr><td>${e.number}</td><td>${escapeHtml(e.title)}</td><td>${escapeHtml(e.purpose)}</td><td>${escapeHtml(e.capturedAt)}<br><span class="note">${escapeHtml(e.capturedAtUtc)}</span></td><td>${escapeHtml(e.source)}</td><td>${e.files
          .map((f) => `${escapeHtml(ROLE_LABEL[f.role])}：<code>${escapeHtml(f.path)}</code><br><code>${f.sha256}</code>`)
          .join('<br>')}</td></tr>`,
    )
    .join('');
  const details = exhibits
    .map(
      (e) =>
        `<section class="exhibit"><h3>证据 ${e.number}：${escapeHtml(e.title)}</h3><p>${escapeHtml(e.purpose)}</p>${
          e.pageData ? `<p class="note" data-rg-page-data>${escapeHtml(e.pageData)}</p>` : ''
        }${
          e.preview ? `<img src="${escapeHtml(encodeURI(e.preview))}" alt="证据 ${e.number}">` : ''
        }</section>`,
    )
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>证据目录</title><style>${STYLE}</style></head>
<body>
<h1>证据目录</h1>
<p class="sub">由 ${escapeHtml(manifest.generator)} 于 ${escapeHtml(manifest.exportedAt)}（北京时间）导出 · ${escapeHtml(manifest.exportedAtUtc)}（UTC）</p>
<h2>一、案件事实</h2>
${manifest.cases.map((c) => caseTable(c, manifest.privacyMasking)).join('')}
<h2>二、证据清单</h2>
<table><colgroup><col style="width:6%"><col style="width:14%"><col style="width:24%"><col style="width:14%"><col style="width:14%"><col></colgroup>
<tr><th>序号</th><th>证据名称</th><th>证明目的</th><th>采集时间</th><th>来源</th><th>文件与 SHA-256</th></tr>
${index}</table>
<h2>三、完整性校验</h2>
<p>每个文件的 SHA-256 哈希值记录在本证据包的 <code>manifest.json</code> 中。哈希值在采集时对保存的原始字节计算，
任何改动（哪怕一个字节）都会使哈希值不同。校验方法：在差评卫士扩展的「校验」页选择本 ZIP 文件，或运行
<code>npm run --silent verify -- 证据包.zip</code>，也可用任何 SHA-256 工具（如 <code>sha256sum</code>、<code>certutil -hashfile 文件 SHA256</code>）逐个核对。</p>
<p>若证据包中有 <code>manifest.tsr</code>，它是可信时间戳机构（RFC 3161）对 manifest.json 哈希签发的时间戳，可用
<code>openssl ts -verify -data manifest.json -in manifest.tsr -CAfile 时间戳机构根证书.pem</code> 或
<code>npm run --silent verify -- --tsa-ca 时间戳机构根证书.pem 证据包.zip</code> 验证，证明清单（及其列出的全部文件）在该时间之前已存在且未被改动。</p>
<p class="note">说明：证据由卖家本人在本机采集，并非中立第三方存证平台出具；哈希值可证明文件自采集后未被改动（《最高人民法院关于互联网法院审理案件若干问题的规定》第十一条），内容真实性仍需结合平台记录等其他证据印证。</p>
<h2>四、证据详情</h2>
${details}
</body></html>
`;
}

export function kindTitle(kind: keyof typeof EVIDENCE_KIND_LABEL): string {
  return EVIDENCE_KIND_LABEL[kind];
}
