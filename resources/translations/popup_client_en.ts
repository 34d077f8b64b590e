<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>本程序在桌面上显示各应用和网站推送的弹窗，并按照《互联网弹窗信息推送服务管理规定》逐条检查：广告必须标明「广告」并写明广告主；新闻只来自清单内的正规新闻来源，并注明来源；每条弹窗都能一键关闭，都能「举报」；同一来源、同一话题的推送次数有上限；免打扰时段、暂停和「不再接收」由您决定，推送方无法更改。不合规的弹窗不会显示。</source>
        <translation>This program shows the popups that apps and websites push to your desktop and checks each one against the Regulations on Internet Pop-up Information Push Services: an ad must carry the label 广告 (&quot;ad&quot;) and name its advertiser; news comes only from listed, licensed news sources and names its source; every popup can be closed with one click and reported; pushes per provider and per topic are capped; quiet hours, pauses and blocking are your decisions, and no provider can change them. A popup that breaks the rules is not shown.</translation>
    </message>
    <message>
        <source>所有来源合计每小时最多 {n} 条（广告、新闻、内容）</source>
        <translation>At most {n} popups per hour from all providers together (ads, news, content)</translation>
    </message>
    <message>
        <source>每个来源每小时最多 {h} 条，每天最多 {d} 条</source>
        <translation>At most {h} per hour and {d} per day from each provider</translation>
    </message>
    <message>
        <source>服务消息每个来源每分钟最多 {n} 条</source>
        <translation>At most {n} service messages per minute from each provider</translation>
    </message>
    <message>
        <source>{p}：每小时最多 {h} 条，每天最多 {d} 条</source>
        <translation>{p}: at most {h} per hour and {d} per day</translation>
    </message>
    <message>
        <source>同一话题 {w} 小时内最多 {n} 条</source>
        <translation>At most {n} on the same topic within {w} hours</translation>
    </message>
    <message>
        <source>免打扰时段：{q}</source>
        <translation>Quiet hours: {q}</translation>
    </message>
    <message>
        <source>未设免打扰时段</source>
        <translation>No quiet hours</translation>
    </message>
    <message>
        <source>已暂停至 {t}</source>
        <translation>Paused until {t}</translation>
    </message>
    <message>
        <source>未成年人模式：已开启</source>
        <translation>Minors mode: on</translation>
    </message>
    <message>
        <source>未成年人模式：未开启</source>
        <translation>Minors mode: off</translation>
    </message>
    <message>
        <source>不接收的类型：</source>
        <translation>Blocked kinds: </translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>不接收的来源：</source>
        <translation>Blocked providers: </translation>
    </message>
    <message>
        <source>服务说明</source>
        <translation>About this service</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>无法读取推送记录：</source>
        <translation>Cannot read the history: </translation>
    </message>
    <message>
        <source>本程序做什么</source>
        <translation>What this program does</translation>
    </message>
    <message>
        <source>您当前的设置</source>
        <translation>Your current settings</translation>
    </message>
    <message>
        <source>数据存放在哪里</source>
        <translation>Where your data is kept</translation>
    </message>
    <message>
        <source>偏好设置</source>
        <translation>Preferences</translation>
    </message>
    <message>
        <source>推送记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>仅在内存中，退出后不保留</source>
        <translation>In memory only; not kept after quitting</translation>
    </message>
    <message>
        <source>新闻来源清单</source>
        <translation>News source list</translation>
    </message>
    <message>
        <source>版本 {v}，共 {n} 个来源
{path}</source>
        <translation>Version {v}, {n} sources
{path}</translation>
    </message>
    <message>
        <source>这些数据只保存在本机。本程序不会把任何内容发送到任何地方。</source>
        <translation>This data stays on this computer. The program sends nothing anywhere.</translation>
    </message>
    <message>
        <source>推送来源</source>
        <translation>Providers</translation>
    </message>
    <message>
        <source>取消接收某个来源：点「不再接收」；也可以在它的弹窗上点「⋯」→「不再接收此来源」，或在终端运行下面的命令。</source>
        <translation>To stop a provider, click &quot;Block&quot;; or choose ⋯ → &quot;Block this source&quot; on one of its popups, or run the command below in a terminal.</translation>
    </message>
    <message>
        <source>还没有来源向您推送过弹窗。</source>
        <translation>No provider has sent you a popup yet.</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>身份</source>
        <translation>Identity</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>已验证</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>未验证</source>
        <translation>Unverified</translation>
    </message>
    <message>
        <source>{n} 条</source>
        <translation>{n}</translation>
    </message>
    <message>
        <source>已不再接收</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <source>不再接收</source>
        <comment>button</comment>
        <translation>Block</translation>
    </message>
    <message>
        <source>不再接收</source>
        <translation>Blocking</translation>
    </message>
    <message>
        <source>未能保存：</source>
        <translation>Not saved: </translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>提供者</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>传输</source>
        <translation>Transport</translation>
    </message>
    <message>
        <source>发送方</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>（无法解析）</source>
        <translation>(unreadable)</translation>
    </message>
    <message>
        <source>（未知）</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <source>回执 #{id} · {time} · {decision}</source>
        <translation>Receipt #{id} · {time} · {decision}</translation>
    </message>
    <message>
        <source>提供者：{name}（{id}），{verified}</source>
        <translation>Provider: {name} ({id}), {verified}</translation>
    </message>
    <message>
        <source>类型：{kind}&#x3000;弹窗 ID：{pid}&#x3000;话题：{topic}</source>
        <translation>Kind: {kind}   Popup ID: {pid}   Topic: {topic}</translation>
    </message>
    <message>
        <source>传输：{t}&#x3000;发送方：{s}</source>
        <translation>Transport: {t}   Sender: {s}</translation>
    </message>
    <message>
        <source>规则：</source>
        <translation>Rules: </translation>
    </message>
    <message>
        <source>原因：</source>
        <translation>Reasons:</translation>
    </message>
    <message>
        <source>错误：</source>
        <translation>Error: </translation>
    </message>
    <message>
        <source>事件：</source>
        <translation>Events:</translation>
    </message>
    <message>
        <source>收到的内容（图片以摘要代替）：</source>
        <translation>Received (images replaced by a digest):</translation>
    </message>
    <message>
        <source>全部提供者</source>
        <translation>All providers</translation>
    </message>
    <message>
        <source>全部决定</source>
        <translation>All decisions</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>搜索标题、提供者、规则、原因…</source>
        <translation>Search titles, providers, rules, reasons…</translation>
    </message>
    <message>
        <source>选择一行，查看原因和收到的内容。</source>
        <translation>Select a row to see the reasons and what was received.</translation>
    </message>
    <message>
        <source>加载更多</source>
        <translation>Load more</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>无法读取记录：</source>
        <translation>Cannot read the history: </translation>
    </message>
    <message>
        <source>{name}（{id}）</source>
        <translation>{name} ({id})</translation>
    </message>
    <message>
        <source>已载入最近 {loaded} 条，显示 {shown} 条</source>
        <translation>Loaded the latest {loaded}, showing {shown}</translation>
    </message>
    <message>
        <source>关闭</source>
        <comment>tooltip</comment>
        <translation>关闭 Close</translation>
    </message>
    <message>
        <source>举报</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>查看详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>来源：</source>
        <translation>Source: </translation>
    </message>
    <message>
        <source>此来源的身份未经验证</source>
        <translation>This source&apos;s identity is not verified</translation>
    </message>
    <message>
        <source>为什么看到此广告</source>
        <translation>Why this ad?</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>更多</source>
        <translation>More</translation>
    </message>
    <message>
        <source>不再接收此来源</source>
        <translation>Block this source</translation>
    </message>
    <message>
        <source>减少此类推送</source>
        <translation>Fewer like this</translation>
    </message>
    <message>
        <source>广告主：</source>
        <translation>Advertiser: </translation>
    </message>
    <message>
        <source>付费方：</source>
        <translation>Paid by: </translation>
    </message>
    <message>
        <source>推送原因：</source>
        <translation>Targeting: </translation>
    </message>
    <message>
        <source>未提供</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>广告</source>
        <comment>badge</comment>
        <translation>广告 Ad</translation>
    </message>
    <message>
        <source>{provider}：{title}</source>
        <translation>{provider}: {title}</translation>
    </message>
    <message>
        <source> 条</source>
        <translation> popups</translation>
    </message>
    <message>
        <source> 小时</source>
        <translation> h</translation>
    </message>
    <message>
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <source>显示，并标注「未验证」</source>
        <translation>Show, marked &quot;Unverified&quot;</translation>
    </message>
    <message>
        <source>不显示</source>
        <translation>Don&apos;t show</translation>
    </message>
    <message>
        <source>跟随系统</source>
        <translation>System default</translation>
    </message>
    <message>
        <source>简体中文</source>
        <translation>简体中文 (Simplified Chinese)</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>例如 22:00-08:00（可跨午夜）；留空表示不设</source>
        <translation>e.g. 22:00-08:00 (may cross midnight); empty for none</translation>
    </message>
    <message>
        <source>例如 2026-11-27T18:00:00+08:00；留空表示不暂停</source>
        <translation>e.g. 2026-11-27T18:00:00+08:00; empty for not paused</translation>
    </message>
    <message>
        <source>留空表示使用内置清单</source>
        <translation>Empty: the built-in list</translation>
    </message>
    <message>
        <source>来源 ID，例如 com.example.news</source>
        <translation>Provider ID, e.g. com.example.news</translation>
    </message>
    <message>
        <source>直到关闭</source>
        <translation>Until closed</translation>
    </message>
    <message>
        <source>开启</source>
        <translation>On</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>来源 ID</source>
        <translation>Provider ID</translation>
    </message>
    <message>
        <source>每小时</source>
        <translation>Per hour</translation>
    </message>
    <message>
        <source>每天</source>
        <translation>Per day</translation>
    </message>
    <message>
        <source>默认</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>每小时上限</source>
        <translation>Hourly cap</translation>
    </message>
    <message>
        <source>每天上限</source>
        <translation>Daily cap</translation>
    </message>
    <message>
        <source>设置此来源的上限</source>
        <translation>Set this provider&apos;s caps</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <source>请填写来源 ID，并至少设置每小时或每天的上限。</source>
        <translation>Enter a provider ID and set an hourly or a daily cap (or both).</translation>
    </message>
    <message>
        <source>默认（{n}）</source>
        <translation>Default ({n})</translation>
    </message>
    <message>
        <source>频次上限</source>
        <translation>Frequency caps</translation>
    </message>
    <message>
        <source>免打扰</source>
        <translation>Do not disturb</translation>
    </message>
    <message>
        <source>未成年人模式</source>
        <translation>Minors mode</translation>
    </message>
    <message>
        <source>新闻</source>
        <translation>News</translation>
    </message>
    <message>
        <source>显示</source>
        <translation>Display</translation>
    </message>
    <message>
        <source>本机接口</source>
        <translation>Local API</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>每小时总数</source>
        <translation>Total per hour</translation>
    </message>
    <message>
        <source>每个来源每小时</source>
        <translation>Per provider per hour</translation>
    </message>
    <message>
        <source>每个来源每天</source>
        <translation>Per provider per day</translation>
    </message>
    <message>
        <source>服务消息每分钟</source>
        <translation>Service messages per minute</translation>
    </message>
    <message>
        <source>单独设置的来源</source>
        <translation>Provider overrides</translation>
    </message>
    <message>
        <source>同一话题最多</source>
        <translation>Same topic, at most</translation>
    </message>
    <message>
        <source>话题统计时长</source>
        <translation>Topic window</translation>
    </message>
    <message>
        <source>不接收的类型</source>
        <translation>Blocked kinds</translation>
    </message>
    <message>
        <source>不接收的来源</source>
        <translation>Blocked providers</translation>
    </message>
    <message>
        <source>未验证的来源</source>
        <translation>Unverified providers</translation>
    </message>
    <message>
        <source>免打扰时段</source>
        <translation>Quiet hours</translation>
    </message>
    <message>
        <source>暂停至</source>
        <translation>Paused until</translation>
    </message>
    <message>
        <source>新闻最长时效</source>
        <translation>Maximum news age</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>同时显示最多</source>
        <translation>On screen at once</translation>
    </message>
    <message>
        <source>广告显示时长</source>
        <translation>Ad display time</translation>
    </message>
    <message>
        <source>新闻显示时长</source>
        <translation>News display time</translation>
    </message>
    <message>
        <source>内容显示时长</source>
        <translation>Content display time</translation>
    </message>
    <message>
        <source>服务消息显示时长</source>
        <translation>Service display time</translation>
    </message>
    <message>
        <source>空闲连接超时（秒）</source>
        <translation>Idle connection timeout (s)</translation>
    </message>
    <message>
        <source>最多同时连接</source>
        <translation>Max connections</translation>
    </message>
    <message>
        <source>单条请求上限（KiB）</source>
        <translation>Max request size (KiB)</translation>
    </message>
    <message>
        <source>未成年人模式已用家长 PIN 锁定。输入 PIN 以关闭：</source>
        <translation>Minors mode is locked with a guardian PIN. Enter the PIN to turn it off:</translation>
    </message>
    <message>
        <source>更改会立即保存，并从下一条弹窗起生效。</source>
        <translation>Changes are saved at once and apply from the next popup.</translation>
    </message>
    <message>
        <source>重新启动本程序后生效；「广告」「关闭」在各语言中保持中文。</source>
        <translation>Applies from the next start; 广告 (ad) and 关闭 (close) stay Chinese in every language.</translation>
    </message>
    <message>
        <source>设置家长 PIN…</source>
        <translation>Set guardian PIN…</translation>
    </message>
    <message>
        <source>家长 PIN</source>
        <translation>Guardian PIN</translation>
    </message>
    <message>
        <source>家长 PIN 不可用：</source>
        <translation>Guardian PIN unavailable: </translation>
    </message>
    <message>
        <source>已设置家长 PIN：关闭未成年人模式需要输入 PIN。</source>
        <translation>A guardian PIN is set: turning minors mode off needs the PIN.</translation>
    </message>
    <message>
        <source>未设置家长 PIN：任何人都可以关闭未成年人模式。</source>
        <translation>No guardian PIN: anyone can turn minors mode off.</translation>
    </message>
    <message>
        <source>输入当前的家长 PIN：</source>
        <translation>Current guardian PIN:</translation>
    </message>
    <message>
        <source>当前的家长 PIN 不正确，PIN 未更改。</source>
        <translation>The current guardian PIN is wrong; the PIN is unchanged.</translation>
    </message>
    <message>
        <source>新的家长 PIN（4 到 12 位数字）：</source>
        <translation>New guardian PIN (4 to 12 digits):</translation>
    </message>
    <message>
        <source>再次输入新的家长 PIN：</source>
        <translation>New guardian PIN again:</translation>
    </message>
    <message>
        <source>家长 PIN 须为 4 到 12 位数字。</source>
        <translation>A guardian PIN is 4 to 12 digits. </translation>
    </message>
    <message>
        <source>两次输入的 PIN 不一致。</source>
        <translation>The two PINs differ. </translation>
    </message>
    <message>
        <source>PIN 未更改。</source>
        <translation>The PIN is unchanged.</translation>
    </message>
    <message>
        <source>正在使用：版本 {v}，{path}</source>
        <translation>In use: version {v}, {path}</translation>
    </message>
    <message>
        <source>选择新闻来源清单</source>
        <translation>Choose a news source list</translation>
    </message>
    <message>
        <source>TOML 文件 (*.toml);;所有文件 (*)</source>
        <translation>TOML files (*.toml);;All files (*)</translation>
    </message>
    <message>
        <source>未保存：</source>
        <translation>Not saved: </translation>
    </message>
    <message>
        <source>家长 PIN 不正确，未成年人模式保持开启。</source>
        <translation>Wrong guardian PIN; minors mode stays on.</translation>
    </message>
    <message>
        <source>需要家长 PIN 才能关闭未成年人模式。</source>
        <translation>Turning minors mode off needs the guardian PIN.</translation>
    </message>
    <message>
        <source>违法违规</source>
        <extracomment>The reasons offered, as recorded in the journal (untranslated; translated when shown).</extracomment>
        <translation>Illegal</translation>
    </message>
    <message>
        <source>低俗</source>
        <translation>Vulgar</translation>
    </message>
    <message>
        <source>广告未标明</source>
        <translation>Unlabelled ad</translation>
    </message>
    <message>
        <source>无法关闭</source>
        <translation>Cannot be closed</translation>
    </message>
    <message>
        <source>频次过高</source>
        <translation>Too frequent</translation>
    </message>
    <message>
        <source>虚假信息</source>
        <translation>False information</translation>
    </message>
    <message>
        <source>未知来源</source>
        <translation>Unknown provider</translation>
    </message>
    <message>
        <source>（无标题）</source>
        <translation>(no title)</translation>
    </message>
    <message>
        <source>举报这条弹窗</source>
        <translation>Report this popup</translation>
    </message>
    <message>
        <source>举报弹窗</source>
        <translation>Report a popup</translation>
    </message>
    <message>
        <source>补充说明（选择「其他」时必填）</source>
        <translation>Details (required for &quot;Other&quot;)</translation>
    </message>
    <message>
        <source>向提供者投诉</source>
        <translation>Complain to the provider</translation>
    </message>
    <message>
        <source>举报只记录在本机，不会发送到任何地方。</source>
        <translation>Reports are kept on this computer only and sent nowhere.</translation>
    </message>
    <message>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>举报对象</source>
        <translation>Popup</translation>
    </message>
    <message>
        <source>{popup}（{time}）</source>
        <translation>{popup} ({time})</translation>
    </message>
    <message>
        <source>其他（不针对某条弹窗）</source>
        <translation>Other (no particular popup)</translation>
    </message>
    <message>
        <source>举报原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>请选择举报原因。</source>
        <translation>Choose a reason.</translation>
    </message>
    <message>
        <source>选择「其他」时，请写明举报原因。</source>
        <translation>With &quot;Other&quot;, please describe the reason.</translation>
    </message>
    <message>
        <source>举报未能记录：</source>
        <translation>The report was not recorded: </translation>
    </message>
    <message>
        <source>已记录，举报编号 #{n}。可凭此编号向提供者或有关部门反映。</source>
        <translation>Recorded as report #{n}. Quote this number to the provider or the authorities.</translation>
    </message>
    <message>
        <source>不再接收此来源（{p}）</source>
        <translation>Block this source ({p})</translation>
    </message>
    <message>
        <source>不再接收 {provider} 的推送</source>
        <extracomment>Space between the screen edge and the stack, and between popups (logical px). Popups that may wait for a place on screen; beyond that the oldest expires unseen. A popup was put on screen (receipt id). A popup left the screen (receipt id, how). The user pressed 「举报」 on a popup (receipt id); the app opens the report dialog. The user changed a preference from a popup&apos;s menu (a sentence saying what changed).</extracomment>
        <translation>Blocked popups from {provider}</translation>
    </message>
    <message>
        <source>已减少 {provider} 的推送：每小时最多 {hourly} 条，每天最多 {daily} 条</source>
        <translation>Fewer popups from {provider}: at most {hourly} per hour, {daily} per day</translation>
    </message>
    <message>
        <source>popup-client 弹窗管理</source>
        <translation>popup-client popup manager</translation>
    </message>
    <message>
        <source>popup-client：已暂停推送</source>
        <translation>popup-client: paused</translation>
    </message>
    <message>
        <source>暂停推送</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>暂停 1 小时</source>
        <translation>Pause for 1 hour</translation>
    </message>
    <message>
        <source>暂停到明天</source>
        <translation>Pause until tomorrow</translation>
    </message>
    <message>
        <source>恢复推送</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>偏好设置…</source>
        <translation>Preferences…</translation>
    </message>
    <message>
        <source>推送记录…</source>
        <translation>History…</translation>
    </message>
    <message>
        <source>投诉举报…</source>
        <translation>Report…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>广告</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>服务</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>显示</source>
        <comment>decision</comment>
        <translation>Shown</translation>
    </message>
    <message>
        <source>已屏蔽</source>
        <comment>decision</comment>
        <translation>Suppressed</translation>
    </message>
    <message>
        <source>已拒绝</source>
        <comment>decision</comment>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>关闭按钮</source>
        <translation>close button</translation>
    </message>
    <message>
        <source>Esc 键</source>
        <translation>Esc key</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>timeout</translation>
    </message>
    <message>
        <source>程序关闭</source>
        <translation>closed by the app</translation>
    </message>
    <message>
        <source>被替换</source>
        <translation>replaced</translation>
    </message>
    <message>
        <source>已显示</source>
        <translation>Shown</translation>
    </message>
    <message>
        <source>关闭（{how}）</source>
        <translation>Closed ({how})</translation>
    </message>
    <message>
        <source>举报 #{n}</source>
        <translation>Report #{n}</translation>
    </message>
    <message>
        <source>操作：{a}</source>
        <translation>Action: {a}</translation>
    </message>
</context>
</TS>
