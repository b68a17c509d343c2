/**
 * Word lists and patterns for classification v0.
 *
 * Every pattern is compiled once, here, at module load. Patterns marked (compact) run on
 * the normalised text with disguise separators removed (see normalize.ts); patterns marked
 * (lite) run on the same-length folded text, whose offsets equal the original's.
 * All patterns are global + unicode; callers reset `lastIndex` before use (see `eachMatch`).
 */

/** Alternation, longest source first so that e.g. 快递小哥 wins over 快递. */
const rx = (parts: readonly string[]): RegExp => new RegExp([...parts].sort((a, b) => b.length - a.length).join('|'), 'gu');

/** Iterate over all matches of a global regex without constructing a new one. */
export function eachMatch(re: RegExp, s: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    fn(m);
  }
}

/** True when the regex matches anywhere in `s`. */
export function test(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  const ok = re.test(s);
  re.lastIndex = 0;
  return ok;
}

const CJK = '\\u4e00-\\u9fff';

// ───────────────────────────── people ─────────────────────────────

/** (compact) Who an insult can be aimed at: the seller, staff, a courier, "you". */
export const PERSON = rx([
  '卖家', '商家', '店家', '店主', '老板娘', '老板', '掌柜', '店长', '客服', '服务员', '前台', '经理',
  '店员', '员工', '厨师', '大厨', '师傅', '技师', '美甲师', '理发师', '发型师', '按摩师', '美容师',
  '导购', '收银', '快递员', '快递小哥', '骑手', '配送员', '司机', '保安', '主播', '你们', '你',
  '全家', '一家人', '这家人', '他们家', '这家店', '店铺', '这家',
]);

// ───────────────────────────── abusive ─────────────────────────────

/** (compact) Insults that are abusive wherever they occur. */
export const STRONG_INSULT = rx([
  '傻[逼比屄bx叉缺批冒帽]', '煞[笔比逼b]', '沙[比笔]', '撒比', '傻狗',
  '草泥马', '曹尼玛', '操你', '艹你', '草你', '日你', '干你娘', '尼玛', '泥马', '你妈', '你麻痹', '麻痹的',
  '去死(?![皮角])', '死全家', '全家死', '全家都死', '死光', '不得好死', '断子绝孙', '死了妈', '死妈',
  '畜生', '畜牲', '王八蛋', '龟孙', '龟儿子', '狗日', '狗娘养', '杂种', '贱人', '贱货', '婊', '泼妇',
  '脑残', '智障', '弱智', '白痴', '蠢货', '蠢猪', '猪脑子', '脑子(?:有坑|有泡|有病|进水|被驴踢|被门夹|瓦特)',
  '废物(?!利用|回收|再利用)', '人渣', '狗(?:商家|卖家|店家|老板|客服|店主|东西)', '乡巴佬', '土包子',
  '妈卖批', '勾八', '鸡巴', '鸡8', '滚蛋', '滚出', '(?:^|(?<=[,!?。\\s]))滚(?:吧|开|粗)?(?=$|[,!?。\\s])',
]);

/** (compact) Pinyin-initial abbreviations, only as a standalone run of letters/digits (not inside "usb"). */
export const ABBR_INSULT = /(?<![a-z0-9])(?:sb|sbb|nmsl|cnmd|cnm|wcnm|ntm|nmb|nmd|mlgb|rnm|mmp|zz|nc|j8|jb)(?![a-z0-9])/gu;

/** (compact) Profanity: abusive in a negative review, ignored when the review is enthusiastic. */
export const PROFANITY = rx([
  '他妈的', '(?<![我她咱姑舅姨老爸])妈的', '特么', '(?<![a-z0-9])(?:tmd|tm|md)(?![a-z0-9])',
]);

/** (compact) Mild exclamations (卧槽, 艹): never decide anything alone. */
export const WEAK_PROFANITY = rx(['卧槽', '我靠', '我擦', '艹', '我草', '狗屁', '(?<![a-z0-9])wc(?![a-z0-9])']);

/** (compact) Words that are insults only when a person is nearby (not when said of a product). */
export const PERSON_INSULT = rx([
  '是死了吗', '死了吗', '有病吧', '是不是有病', '神经病', '疯子', '胖女人', '死胖子', '肥婆', '丑八怪', '长得丑',
  '瘸子', '聋子', '瞎子', '哑巴', '残废', '矮子', '秃子', '土鳖', '跟死了[^,!?。]{0,2}似的',
  '像个?(?:猪|狗|猴子|疯子)', '(?:是|个)猪(?![肉蹄排肝脚油骨耳肚血皮])', '素质(?:太|很|极)?(?:低|差)',
]);

/** (compact) Harsh but not decisive when aimed at people (common in genuine complaints). */
export const WEAK_PERSON_INSULT = rx([
  '骗子', '奸商', '黑心(?:商家|老板|肝|店)', '垃圾(?=商家|卖家|店家|客服|老板|店主|店铺)', '老子',
]);

/** (compact) Insulting emoji; abusive when aimed at a person. */
export const INSULT_EMOJI = /(?:🐶|🐕|🐩|🐷|🐖|🐽|🤡|💩|🦙|🐴|🐒|🐵|🐢|🐍|🐀|🐭|🖕)/gu;

/** (compact) Curses and threats. */
export const THREAT = rx([
  '诅咒', '被车撞', '出门被', '砸了你', '砸店', '去砸', '带人(?:去|来|过来)', '弄死', '打死你', '人肉', '走着瞧', '等着瞧',
  '(?:你们|你)给?我?等着', '(?:门口|楼下|路上|下班)[^,!?。]{0,4}等着你', '找人(?:收拾|弄|教训)', '放火', '烧了你',
  '寄刀片', '让你[^,!?。]{0,4}(?:好看|倒闭|关门)', '早日倒闭', '祝你[^,!?。]{0,6}(?:倒闭|死)',
]);

/** (compact) Defamation about crime or private life; abusive when aimed at a person. */
export const DEFAME = rx([
  '坐过牢', '坐牢', '蹲过(?:监狱|号子|大牢)', '有前科', '劳改', '吸毒', '嫖', '小三', '骗婚', '骗钱', '卷钱跑路', '跑路过',
  '诈骗犯', '强奸', '出轨', '包养', '私生子', '好几个老婆', '性病', '艾滋',
]);

// ───────────────────────────── privacy ─────────────────────────────

/** (lite) Mainland mobile number, optionally with separators. */
export const PHONE = /(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/gu;
/** (lite) ID number, full or masked with *; or any 15–18 chars after 身份证. */
export const ID_NUMBER = /(?:(?<![\d*])\d{6}[\d*]{8}[\d*]{3}[\dx*](?![\d*]))|(?:身份证(?:号|号码)?\s*[:：]?\s*[\d*x]{15,18})/gu;
/** (lite) WeChat / QQ handle after a cue word. Group 1 = handle. */
export const WECHAT = new RegExp(
  `(?:微信号?|威信|薇信?|v信|(?<![a-z])vx|(?<![a-z])wx|(?<![a-z])v|扣扣|qq)[^a-z0-9${CJK}]{0,4}([a-z][-_a-z0-9]{4,19}|\\d{5,11})(?![-_a-z0-9])`,
  'gu',
);
/** (compact) A third person's home address. */
export const ADDRESS = new RegExp(
  `(?<!我)(?:住在|家住|住址是?|家在)[^,!?。]{0,16}?(?:小区|花园|公寓|\\d+栋|\\d+号楼|\\d+单元|\\d+室|号院|村)(?:[^,!?。]{0,10}?(?:\\d+单元|\\d+室|\\d+号))?`,
  'gu',
);
/** (compact) Naming a staff member ("客服叫李娟"). */
export const STAFF_NAME = new RegExp(`(?:店主|老板|老板娘|客服|经理|店员|服务员)(?:叫|姓)[${CJK}]{1,3}`, 'gu');

/** (compact) Context around a contact: whose is it, and why is it posted? */
export const CONTACT_OWNER_THIRD = rx([
  '老板', '店主', '店家', '卖家', '商家', '客服', '经理', '店员', '员工', '服务员', '老板娘', '店长', '师傅',
]);
/** Marks a number as private rather than a shop's public contact. */
export const CONTACT_PRIVATE = rx(['私人', '个人', '家里', '家住', '住在', '姓', '叫', '本人', '老婆', '老公', '身份证']);
/** A shop's public hotline is not private information. */
export const CONTACT_PUBLIC = rx(['客服电话', '热线', '官方电话', '店铺电话', '门店电话', '订餐电话', '预约电话', '(?<!\\d)400']);
export const CONTACT_INCITE = rx([
  '大家(?:一起|都)?去?(?:打电话|加|骂|找|问问|轰炸|堵)', '一起(?:打电话|骂|轰炸)', '都加', '去找(?:她|他)', '打爆', '轰炸', '人肉',
]);
export const CONTACT_COMPETITOR = rx([
  '同款', '厂家', '批发', '找我', '私我', '加我', '联系我', '渠道', '货源', '拿货', '更低', '更便宜', '便宜', '优惠', '正品', '直发', '进店',
]);
export const CONTACT_AD = rx([
  '兼职', '日结', '刷单', '回收', '招聘', '贷款', '网贷', '加盟', '代理', '宝妈', '学生', '赚钱', '收入', '手机就能做',
]);

// ───────────────────────────── competitor ─────────────────────────────

/** (lite) Links, short links and share codes. */
export const LINK = new RegExp(
  [
    'https?:\\/\\/[^\\s，。！？、）)】」]+',
    'www\\.[a-z0-9-]+\\.[a-z]{2,}[^\\s，。]*',
    '(?<![a-z0-9.@])[a-z0-9-]+\\.(?:com|cn|net|top|cc|shop|vip)(?:\\/[^\\s，。]*)?(?![a-z])',
    '[￥$₴€][a-z0-9]{8,14}[￥$₴€]',
    '复制(?:这段|这条|链接|口令|淘口令)',
    '淘口令',
  ].join('|'),
  'gu',
);

/** (compact) The reviewer gives away that they run a shop in the same trade. */
export const SELF_ID = rx([
  '我们店(?!里?(?:用|装修|员工|买|需要|要|定|订|采购|的[员同]))',
  '我们的店', '我们店铺', '本店', '自家店', '我家店',
  '我们家(?:的)?(?:才是|才|也卖|也有|有售|正版|原创|同款|新店|店|铺|货|产品|欢迎)',
  '我们家[(（]', '是我们家的(?!人|孩子|猫|狗)', '原图是我们',
  '我们这边(?:办卡|有售|便宜|更便宜|优惠|打折|同款)', '来我们(?:这边|店|家)',
  '我们(?:进货|拿货|也卖|也有售|有售)',
  `我(?:们)?(?:是|也是)(?:附近|隔壁|对面|楼下|同街|同城|同一条街)(?:做|开|卖)[${CJK}]{1,6}的`,
  `我(?:们)?也是(?:做|开|卖)[${CJK}]{1,6}的`, '我也是做这行', '做这行的', '同行(?!的(?:朋友|人|小伙伴|同事))',
  '会籍顾问', `(?:这边是|我是)[^,!?。]{1,14}的(?:客服|店员|销售|店长|会籍)`,
]);

/** (compact) Self-promotion / lead-generation offers (strong). */
export const PROMO_STRONG = rx([
  '报暗号', '领券(?:立减|减)', '凭(?:此|本)?(?:评论|评价)?截图', '新店开业', '开业(?:大酬宾|优惠)', '进店咨询', '欢迎进店',
  '办卡打', '同款(?:找我|私我|加我|更好|更便宜|便宜|才\\d|只要)', '(?:找我|私我|加我)(?:拿货|买|要)?', '批发价',
  '一手(?:渠道|货源)', '厂家直(?:发|销|供)', '拿货', '价格更(?:优|低)', '只要一半', '比这家便宜',
]);
/** (compact) Weaker promotional wording, counted only in a negative review next to other signals. */
export const PROMO_WEAK = rx([
  '打[0-9一二三四五六七八九]折', '欢迎(?:大家)?(?:来|光临)', '有优惠', '强烈推荐', '才叫良心', '业界良心', '送果盘', '送面膜',
  '便宜\\d+块?', '才\\d+(?:块|元)?', '包邮', '来我们',
]);

/** (lite) A quoted name: 「…」, 【…】, ‘…’, “…”. Group 1 = the name. */
export const QUOTED_NAME = /[「【‘“"'『《]([^」】’”"'』》\n]{2,20})[」】’”"'』》]/gu;
/** A shop-like suffix on a name. */
export const SHOP_SUFFIX = new RegExp(
  '(?:店|铺|旗舰店|官方店|专营店|专卖店|工作室|小屋|工厂|工厂店|优选|百货|好物|私房菜|火锅|烤鱼|ktv|美容|美发|美甲|健身|牌|记|馆|坊|阁|斋|堂|屋|家居|特卖|超市|商行|餐厅|酒店|宾馆|品牌|鸡公煲|砂锅粥)$',
  'u',
);
/** Verbs that promote a name right before it. */
export const PROMO_VERB_BEFORE = /(?:去|搜|认准|推荐|建议|买|看看|到|找|关注|选|和|比|跟|在|请认准)[^,!?。]{0,8}$/u;

/** (compact) Unquoted named rival: "建议大家买冰峰牌的", "隔壁王记砂锅粥", "X品牌才是业界良心". */
export const NAMED_RIVAL = rx([
  `(?:推荐|认准|建议(?:大家)?(?:去|买)|还是(?:去|买)|大家去)[^,!?。]{0,10}?[${CJK}a-z0-9]{1,6}(?:牌|品牌|旗舰店|专卖店|专营店|官方店)`,
  `[${CJK}a-z0-9]{1,6}(?:牌|品牌|记)[^,!?。]{0,4}(?:才是|才叫)(?:业界)?(?:良心|正宗|正品|好)`,
  `(?:隔壁|对面|楼下|旁边|附近|推荐)(?:的)?[${CJK}](?<![登标日笔书忘印牢惦铭切谨])记(?![得住录忆者号性账])`,
]);

/** (compact, chat) The buyer reveals they are in the same trade or probes for the supplier. */
export const CHAT_TRADE_SELF = rx([
  '我们进货', '进货(?:价|都要)', '拿货价', '我们(?:家)?也(?:卖|做|有卖)', '我也是(?:做|卖|开)', '做这行', '同行(?!的(?:朋友|人))', '我们店', '我们家的货',
]);
export const CHAT_TRADE_PROBE = rx([
  '供应商', '出厂价', '货源', '哪个厂', '哪家厂', '从哪(?:里|儿)?(?:拿|进)的?货', '哪(?:里|儿)进的货', `从[${CJK}]{1,6}(?:那家)?拿的`, '成本价',
]);

/** (compact) Calling the product fake without a basis (adds abusive to `also` for rivals). */
export const FAKE_CLAIM = rx(['假货', '(?:是|都是)假的', '翻新', '山寨', '冒牌', '冻鱼']);

// ───────────────────────────── extortion ─────────────────────────────

/** (compact) Something demanded beyond the normal return/refund process. */
export const EXT_DEMAND = rx([
  '返现', '返点', '回扣', '返(?:我|给我)?\\d+', '返[一二三四五六七八九十百两]+', '红包', '💰', '(?:退|赔|给|转|补|返)[^,!?。]{0,4}钱',
  '钱[^,!?。]{0,3}(?:退|赔|给|转)我', '赔', '补偿', '精神损失', '转我', '转账', '打款', '退我', '全退', '退全款', '全额退',
  '退(?:一半|这次|全款|\\d+)', '仅退款', '免单', '全免', '免费', '打[0-9一二三四五六七八九]折', '送我', '再送', '补发一件', '再补发',
  '再寄', '寄[两几\\d][件个]', '代金券', '会员卡', '储值卡', '年卡', '充[^,!?。]{0,4}卡', '升级', '延保', '多开', '虚开',
  '按\\d+开', '加钱', 'e卡', '购物卡', '礼品卡', '京东卡', '私了', '补(?:我|给我)\\d+', '给我[^,!?。]{0,6}(?:块|元)',
  '\\d+(?:块|元)', '要[^,!?。]{0,4}(?:块|元)', '赠品吧',
]);
/** (compact) Offering to change or withdraw the review. */
export const EXT_LEVER_MOD = rx([
  '改(?:成|为|回)?(?:好评|五星|5星|四星|评价|评分|差评)', '(?:评价|差评|中评|星)[^,!?。]{0,4}改', '(?:就|我就|马上|立马|立刻)(?:改|删)',
  '删(?:评|除评价|掉|了|差评)', '(?:差评|评价|这条)[^,!?。]{0,2}删', '不追评', '(?:就|我就)不(?:发|追评|给差评|差评)', '不给差评',
  '撤(?:回|销)(?:差评|评价)', '可以改', '给你(?:五星|好评|5星)', '发五星', '写好评', '要五星',
]);
/** (compact) Threatening a bad review or exposure. */
export const EXT_LEVER_THREAT = rx([
  '差评', '中评', '一星', '1星', '两星', '二星', '三星', '低分', '追评', '曝光', '到处说', '发一遍', '全发', '挂着',
  '刷差评', '打一星', '小红书', '抖音', '你懂的', '懂的都懂', '评价',
]);
/** (compact) Conditional wording that turns a review into leverage. */
export const EXT_COND = rx([
  '不然', '否则', '要不然', '要不(?!要)', '要么', '除非', '取决于', '你懂的', '懂的都懂', '看你们怎么办', '的话',
  '就(?:改|删|给|把|不|一直|天天)', '我就', '那我就', '那就', '直接差评', '一直差评', '天天', '每天', '永远', '一天换',
  '换(?:一个|个)?号', '几个号', '十几个号', '一直挂', '不(?:给|返|退|赔|送|补|转|同意)[^,!?。]{0,3}(?:差评|一星|追评|曝光)', '不(?:给|返|退|赔|送|补|转|同意|答应|处理)[^,!?。]{0,10}(?:就|我就|的话)',
]);

// ───────────────────────────── not received / unused ─────────────────────────────

/** (compact) Claims that the goods never arrived. */
export const NOT_RECEIVED = rx([
  '(?:没|没有|未|还没|并没有?|根本没有?)(?:收到|拿到|到手|见到)(?!赠品|发票|回复|退款|优惠|红包|返现|短信|通知|配件|说明书|消息|答复|钱|款|的)',
  '没看到(?:包裹|东西|货|快递)', '没到手', '还没到(?!期|店|时间)', '没人(?:来)?送', '虚假签收', '谁签的', '不是我签', '冒签',
  '(?:快递柜|驿站|门口|柜子)(?:里)?(?:根本)?没有(?:我的)?(?:件|包裹|快递|东西)', '快递(?:说)?(?:弄)?丢了', '包裹丢了',
  '我的包裹呢', '货呢', '还在路上', '没送到', '到现在还没收到', '显示(?:已)?(?:签收|妥投)[^,!?。]{0,10}(?:没|不在|谁)',
]);

/** (compact) The buyer admits not having opened, used or visited yet. */
export const UNUSED = rx([
  '还没(?:用|使用|开始用|拆|拆开|拆封|开封|打开|开箱|开机|开罐|穿|试|试穿|戴|吃|喝|装|安装|入住|送出去|去拿|拿|取|看到东西|见到)(?!完|几|过几|多久|两|一)',
  '还没去(?!掉|除|世)', '没(?:用过|拆|拆开|拆封|开封|打开|开箱|穿过|试过|去过|来过|进去|入住|去拿|取件|动过)',
  '懒得(?:用|拆|穿|试|去)', '不想拆', '没来得及', '还在(?:快递柜|门卫|驿站|盒子里|箱子里|包装里|小区门口|冰箱)',
  '放着(?:呢|没)', '预约了(?:明天|后天|下周|周末)', '还没回(?:家|去)', '(?:家里人|家人|老人|家里老人|门卫|物业|邻居)(?:帮我)?(?:代)?签收的',
  '签收了但', '还没来过', '(?<!菜|饭|餐)还没来吃', '还没(?:装系统|激活)', '(?:东西)?没用[,!?。]懒得',
]);

/** (compact) Judging in advance, or rating without a product reason. */
export const PREJUDGE = rx([
  '听说', '看(?:了)?(?:评论|评价|别人|大家|图片|图|网上|菜单)', '朋友说', '别人说', '大家说', '感觉(?:会|不会|不怎么|一般)',
  '估计', '肯定(?:又|也|不)', '应该(?:不|也|会)', '不知道(?:好不好|怎么样|是啥样|行不行|质量)',
  '先(?:给|打|写|评)?(?:个|一)?(?:差评|一星|1星|两星|二星|低分|评价|评了|分)', '先这样', '以防万一', '占位', '不想要', '不喜欢了',
  '突然不喜欢', '后悔了', '懒得', '默认差评', '就是不想', '便宜没好货', '以后再说', '再说', '等(?:我)?(?:用|拿到|吃|穿)了?再(?:改|说|评)',
  '再改', '再来追评',
]);

/** (compact) An actual problem observed even though the item was not used (e.g. opened and saw the colour). */
export const OBSERVED = rx([
  '拆开', '打开(?:一看|发现)', '一看', '实物', '收到发现', '色差', '颜色(?:差|不对)', '破损', '碎了', '坏了', '开线', '开胶', '发霉',
  '漏', '少了', '缺', '发错', '发现', '划痕', '瑕疵', '污渍', '裂', '破', '坏', '就坏', '就断', '就裂', '就掉', '打电话', '客服说', '预约说', '页面上?(?:根本)?没写', '不能用券', '说周末', '不让用',
]);

// ───────────────────────────── irrelevant ─────────────────────────────

/** (compact) Courier, station, rider. */
export const COURIER = rx([
  '快递(?!费)', '物流', '驿站', '快递员', '小哥', '骑手', '配送', '派送', '派件', '送货上门', '送上门', '上门', '中转', '转运', '分拣',
  '揽收', '快递柜', '丰巢', '顺丰', '中通', '圆通', '韵达', '申通', '极兔', '邮政', 'ems', '邮局', '菜鸟', '德邦', '百世', '外卖员', '送错',
  '运输中', '妥投',
]);
/** (compact) The platform itself: app, coupons, points, platform customer service. */
export const PLATFORM = rx([
  '平台', '砍一刀', '百亿补贴', '弹窗', '淘金币', '金币', '积分', 'plus会员', '88vip', '会员续费', '续费', '评价入口', '智能客服',
  '转人工', '系统[^,!?。]{0,4}(?:提醒|催)', '催(?:我)?评', '评价送', '优惠券[^,!?。]{0,4}用不了',
  '(?:淘宝|拼多多|京东|美团|点评|天猫|抖音)(?:现在|天天|新版|的评价|的智能|的优惠券|的客服|这系统|系统|app)', '卸载', '新版',
]);
/** (compact) Weather, roads, the mall, the property manager. */
export const ENVIRONMENT = rx([
  '天气', '下雨', '雨天', '暴雨', '大雨', '下雪', '台风', '雾霾', '高温', '降温', '修路', '施工', '地铁', '公交', '市政', '停车(?:场|费|位)',
  '商场', '物业', '打不到车', '打车', '堵车', '红绿灯', '尘土',
]);
/** (compact) The reviewer's own life, news, gossip. */
export const PERSONAL = rx([
  '心情(?:不好|也差|差|很差|不爽)', '发泄', '分手', '吵架', '吵了一架', '工资', '打工人', '放鸽子', '失恋', '心态崩', '新闻', '热搜', '官宣',
  '明星', '八卦',
]);
/** (compact) Decisive: padding, points farming, wrong order, unrelated ads, social posts. */
export const PADDING = rx([
  '凑字数?', '凑个字', '字数', '够\\d+个?字', '不知道(?:写|评|说)(?:什么|啥)', '不知道评啥', '随便(?:打|写|评|说|填)',
  '(?:拿|攒|赚|刷)(?:积分|金币)', '为了积分', '灌水',
]);
export const WRONG_ORDER = rx(['评错了', '评错(?:店|单)', '另一单', '别的订单', '另一个订单', '乱按', '乱点', '不会打字', '小孩(?:乱|玩)']);
export const UNRELATED_AD = rx([
  '兼职', '日结', '刷单', '高价回收', '回收(?:各类|手机|旧|闲置)', '上门回收', '招聘', '贷款', '网贷', '代理加盟', '宝妈', '学生都可以',
  '点个?赞', '帮我(?:点|砍)', '求赞', '砍一刀', '私信我呀', `有没有[^,!?。]{0,10}(?:一起|姐妹|兄弟|搭子)`, '交友', '扫码领',
  '加群', '求推荐', '有没有人知道', '评论区(?:聊聊|的大佬)',
]);
/** (compact) Words showing the text is about this shop's product or service (rules out "only the courier"). */
export const ON_TOPIC = rx([
  '卖家', '商家', '店家', '店铺', '(?<!平台|智能|人工)客服(?!.{0,3}平台)', '发货', '包装', '质量', '做工', '商品', '宝贝', '产品', '菜品',
  '服务员', '老板', '师傅', '技师', '前台', '店员', '味道', '尺码', '颜色', '面料',
  '东西(?:一般|还行|不行|不好|很差|太差|质量|做工|有点|不错|挺|很|太|真|也|是)',
]);

/** (compact) A system placeholder instead of a review. */
export const DEFAULT_TEXT = rx(['此用户没有填写评价', '系统默认好评', '默认好评', '用户未填写', '未填写评价', '此用户未及时']);
/** (compact) A star rating chosen by mistake. */
export const MISCLICK = rx(['点错', '点成', '不小心点', '手滑', '误点', '误触', '按错', '选错', '打错分']);

// ───────────────────────────── sentiment ─────────────────────────────

/** (compact) Praise. A hit preceded by a negation (不/没/别…) counts as a complaint. */
export const POSITIVE = rx([
  '好评', '五星', '满分', '很好', '挺好', '真好', '超好', '太好', '蛮好', '特好', '不错', '满意', '喜欢', '爱了', '爱死', '好吃', '好喝',
  '好用', '好看', '好闻', '好穿', '舒服', '舒适', '值得', '很值', '超值', '真的值', '物超所值', '划算', '实惠', '物美价廉',
  '性价比(?:高|很高|超高|可以|不错|挺高)', '回购', '推荐', 'yyds', '绝绝子', '绝了', '(?<![点个])赞', '棒', '完美', '超出预期', '惊喜',
  '贴心', '热情', '专业', '耐心', '周到', '细心', '清晰', '流畅', '放心', '感动', '合适', '刚好', '一致', '相符', '给力', '牛逼',
  '太牛', '真牛', '太顶', '炸裂', '闭眼冲', '精致', '漂亮', '下次还', '还会再', '会再来', '认准', '靠谱', '新鲜', '出片', '很快',
  '挺快', '发货快', '物流快', '速度快', '也快', '没毛病', '没什么毛病', '能接受', '可以接受', '可以理解', '还行', '还可以', '中规中矩',
  '凑合', '一如既往', '强多了', '有嚼劲', '过瘾', '松快', '辛苦', '正品', '不卡', '顺利', '很足', '实在人', '干净', '显白',
  '结实', '耐用', '没问题', '主动', '超有', '好好', '在线', '还不赖', '可爱', '入口即化', '神器', '舒心', '安心', '划得来',
]);
/** Negations that flip a praise word just before it. */
export const NEGATION_BEFORE = /(?:不|没|别|无|非|未|不太|不够|不是很|没那么|没有)[^,!?。]{0,2}$/u;

/** (compact) Specific complaints about the product or the shop's own service. */
export const COMPLAINT = rx([
  '质量(?:太|很|真|也|好|非常|特别|真的|这么|那么|这样|也太|真是)?(?:差|烂|垃圾|不好|不行|堪忧|一般)', '做工(?:很|太)?(?:粗糙|差)', '粗糙', '次品', '残次',
  '瑕疵', '难吃', '难喝', '难用', '难看', '难闻', '不能用', '用不了', '坏了', '坏的', '就坏', '坏掉', '坏点', '故障', '失灵', '黑屏',
  '死机', '卡顿', '很卡', '太卡', '发烫', '异响', '噪音', '很吵', '太吵', '电流声', '接触不良', '充不进', '充不满', '开胶', '开线',
  '脱线', '线头', '起球', '掉色', '褪色', '缩水', '变形', '掉漆', '断了', '就断', '裂了', '裂开', '漏水', '漏气', '漏液', '划痕', '污渍',
  '发霉', '霉味', '异味', '刺鼻', '臭', '腥', '馊', '变质', '过期', '夹生', '太咸', '齁', '太淡', '太硬', '很柴', '干又柴', '虫',
  '头发', '苍蝇', '拉肚子', '胃疼', '过敏', '红疹', '色差', '不符', '不一样', '货不对板', '虚假宣传', '虚标', '以次充好', '二手',
  '假货', '偏小', '偏大', '太小', '太大', '小了一半', '不准', '不合身', '穿不上', '装不上', '太薄', '薄得', '透光', '皱巴巴', '简陋',
  '破损', '碎了', '压坏', '压扁', '压得', '少了', '缺件', '少发', '漏发', '发错', '错发', '没发货', '不发货', '发货(?:太|很|也太)?慢',
  '才发', '态度(?:很|太|极|超)?(?:差|恶劣|冷淡)', '冷冰冰', '敷衍', '不理人', '不回', '推卸', '推来推去', '踢皮球', '不道歉', '不给退',
  '不给换', '乱收费', '另加钱', '推销', '宰客', '太贵', '死贵', '不值', '性价比(?:很|太)?低', '隔音(?:太|很|也)?差', '隔音不好', '脏',
  '不卫生', '上菜(?:太|很|又)?慢', '等位', '上错', '玩手机', '手法差', '技术(?:太|很)?(?:差|烂)', '狗啃', '没送', '说好的', '没写',
  '不能用券', '收补', '是烂的', '烂的', '歪的', '不耐用', '开裂', '掉毛', '生锈', '拆过', '痕迹', '不合适', '不舒服', '推荐错', '耽误',
  '没效果', '一言难尽', '坑人', '被坑', '骗人', '忽悠', '糊弄', '不管不问', '没有想象中', '奇怪', '卡粉', '斑驳', '氧化', '掉了',
  '不甜', '不新鲜', '慢得', '太慢', '很慢', '催了三', '关不掉', '关不了', '去不掉', '洗不掉', '删不掉', '广告(?:太|特别)?多', '刺痛', '破烂', '垃圾', '很差', '太差', '极差', '真差', '好差',
  '超差', '巨差', '差劲', '差评', '失望', '后悔', '别买', '慎买', '不要买', '不推荐', '踩雷', '避雷', '再也不', '不会再', '冤', '破',
  '没到货', '丑', '稀烂', '烂透', '松动', '松的', '松了', '就掉', '不如', '(?:还)?没有[^,!?。]{0,8}好',
]);
/** (compact) "Never arrived" as a complaint; ignored when the text is about platform coins or points. */
export const RECEIPT_COMPLAINT = rx(['没收到', '没有收到', '未收到']);
/** A subset of complaints that describe damage to the goods: they count even in a sentence about the courier. */
export const DAMAGE = rx(['碎', '坏', '破损', '压扁', '压坏', '漏', '(?<![太很多好])少了', '缺件', '变形']);
/** Generic negative mood words: do not, by themselves, make the text about the product. */
export const MOOD = rx(['等了', '一般般', '一般', '无语', '服了', '气死', '烦', '恶心', '难受', '心累', '离谱', '不行', '差', '慢', '烂']);

/** (compact) Sarcastic praise: “耐穿”了呢, 真是太…了呢. */
export const SARCASM = rx([
  '[“"‘\'「][^”"’\'」]{1,6}[”"’\'」](?:了)?(?:呢|啊|哦|吧)', '真是太[^,!?。]{1,6}了呢', '呵呵', '真是谢谢', '谢谢你们啊', '好样的',
]);

// ───────────────────────────── usage claims vs. delivery time ─────────────────────────────

/** (compact) "用了两天", "穿了一个月": group 1 = amount, group 2 = unit. */
export const USAGE_DURATION = new RegExp(
  `(?:用|穿|戴|吃|喝|玩|使用|住|睡|洗)了?(?:有)?([0-9]+|[一二两三四五六七八九十半几]+)(?:个)?(小时|天|周|星期|礼拜|月|年)` +
    `|([0-9]+|[一二两三四五六七八九十半几]+)(?:个)?(天|周|星期|礼拜|月|年)(?:就|后|以后|之后)(?:坏|不行|充不|起球|变形|开胶|掉|断|裂|没电|黑屏|漏)`,
  'gu',
);
/** (compact) Use that takes at least about an hour: washing, using up, wearing out. */
/** (compact) Use that takes some hours: washing (and drying), using up, wearing. */
export const USAGE_ACT = rx(['洗(?:了|过)?(?:一|两|几)?次', '洗完', '洗了', '用完', '用了(?:之后|以后|后)', '穿了', '穿过', '吃完']);
/** (compact) Things the buyer can "not receive" that are not the parcel. */
export const GOODS_WORD = rx(['货', '包裹', '快递', '件', '东西', '宝贝', '商品']);
/** (compact) Contrast or irritation: a low rating with some praise is then a mixed complaint, not a misclick. */
export const CONTRAST = rx(['但', '可是', '就是', '不过', '然而', '只是', '烦', '无语', '失望', '差']);
