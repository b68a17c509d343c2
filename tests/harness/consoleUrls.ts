/** The real URLs the demo consoles are served at (no imports: shared by the route modules without cycles). */
export const TAOBAO_ORIGIN = 'https://myseller.taobao.com';
export const TAOBAO_REVIEW_URL = `${TAOBAO_ORIGIN}/home.htm/comment-manage/list/rateWait4PC`;
export const JD_ORIGIN = 'https://shop.jd.com';
export const JD_REVIEW_URL = `${JD_ORIGIN}/jdm/comment/list#/commentManage`;
export const MEITUAN_ORIGIN = 'https://ecom.meituan.com';
export const MEITUAN_INNER_REVIEW_URL = `${MEITUAN_ORIGIN}/emis/evaluation/poi`;
export const MEITUAN_SHELL_URL = `${MEITUAN_ORIGIN}/meishi/?cate=6103#${MEITUAN_INNER_REVIEW_URL}`;
export const PDD_CHAT_URL = 'https://mms.pinduoduo.com/chat-merchant/index.html#/';
export const TAOBAO_CHAT_TOOL_URL = `${TAOBAO_ORIGIN}/home.htm/app-customer-service/toolpage/Message`;
export const TAOBAO_CHAT_FRAME_ORIGIN = 'https://market.m.taobao.com';
export const JD_DONGDONG_URL = 'https://dongdong.jd.com/';
export const MEITUAN_CHAT_ORIGIN = 'https://g.dianping.com';
export const MEITUAN_CHAT_URL = `${MEITUAN_CHAT_ORIGIN}/dzim-main-pc/index.html#/`;
export const JD_KF_URL = 'https://shop.jd.com/jdm/kefu/kf-manage-lite/#/UtilsSetting/ReceptionTools';
