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
        <source>{provider}（{marks}）：{title}</source>
        <translation>{provider} ({marks}): {title}</translation>
    </message>
    <message>
        <source>{name}。{body}</source>
        <translation>{name}. {body}</translation>
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
        <source>（已清除，仍计入频率上限）</source>
        <translation>(cleared; still counted toward the caps)</translation>
    </message>
    <message>
        <source>（未保留文字）</source>
        <translation>(text not kept)</translation>
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
        <source>文字未保留（见偏好设置的「隐私」）：{length} 个字符，指纹 {fingerprint}</source>
        <translation>Text not kept (see Preferences, Privacy): {length} characters, fingerprint {fingerprint}</translation>
    </message>
    <message>
        <source>已清除：只留下提供者、类型、话题和时间，用于频率上限，一天后删除。</source>
        <translation>Cleared: only the provider, kind, topic and time are left, for the frequency caps; removed after a day.</translation>
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
        <source>清除记录…</source>
        <translation>Clear history…</translation>
    </message>
    <message>
        <source>无法读取记录：</source>
        <translation>Cannot read the history: </translation>
    </message>
    <message>
        <source>提供者 {id} 的记录</source>
        <translation>the history of provider {id}</translation>
    </message>
    <message>
        <source>全部记录</source>
        <translation>the whole history</translation>
    </message>
    <message>
        <source>清除{scope}？将删除 {deleted} 条记录和 {complaints} 条举报，无法恢复。</source>
        <translation>Clear {scope}? {deleted} entries and {complaints} complaints will be deleted; this cannot be undone.</translation>
    </message>
    <message>
        <source>最近一天显示过的 {n} 条只留下提供者、类型、话题和时间，不含文字，让频率上限仍然正确；满一天后自动删除。</source>
        <translation>{n} popups shown in the last day keep only their provider, kind, topic and time (no text), so the frequency caps stay right; they are removed once a day old.</translation>
    </message>
    <message>
        <source>清除记录</source>
        <translation>Clear history</translation>
    </message>
    <message>
        <source>无法清除记录：</source>
        <translation>Cannot clear the history: </translation>
    </message>
    <message>
        <source>已删除 {deleted} 条记录和 {complaints} 条举报。</source>
        <translation>Deleted {deleted} entries and {complaints} complaints.</translation>
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
        <source>全文</source>
        <translation>Full text</translation>
    </message>
    <message>
        <source>在历史记录中查看全文</source>
        <translation>Show the full text in the history</translation>
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
        <source>新闻</source>
        <translation>News</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
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
        <source>隐私说明…</source>
        <translation>About privacy…</translation>
    </message>
    <message>
        <source>记录里保存什么、保存多久、保存在哪里，以及如何删除。</source>
        <translation>What the history keeps, for how long, where, and how to remove it.</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Guide</translation>
    </message>
    <message>
        <source>隐私：记录保存什么</source>
        <translation>Privacy: what the history keeps</translation>
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
        <source>清单无法使用，暂不接受任何新闻来源：{path}</source>
        <translation>The list is unusable; no news source is accepted for now: {path}</translation>
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
        <source>已由 {who} 锁定（{op} {bound}）。偏好文件中原有的设置 {own} 仍保留，锁定解除后恢复生效。</source>
        <translation>Locked by {who} ({op} {bound}). Your own setting {own} stays in your preferences file and applies again when the lock is lifted.</translation>
    </message>
    <message>
        <source>未保存：</source>
        <translation>Not saved: </translation>
    </message>
    <message>
        <source>未保存：此项已在别处被更改，现在显示的是更改后的值。</source>
        <translation>Not saved: this setting was changed elsewhere; the changed value is shown now.</translation>
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
    <message>
        <source>找不到这份说明。它在源代码的 docs/ 文件夹中。</source>
        <translation>This guide was not found. It is in the docs/ folder of the source code.</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>{path}: {message} [{rule}]</source>
        <translation>{path}: {message} [{rule}]</translation>
    </message>
    <message>
        <source>(payload)</source>
        <translation>(payload)</translation>
    </message>
    <message>
        <source>invalid payload:
  {problems}</source>
        <translation>invalid payload:
  {problems}</translation>
    </message>
    <message>
        <source>{first}
  {second}</source>
        <translation>{first}
  {second}</translation>
    </message>
    <message>
        <source>The guardian PIN needs the system keyring (Secret Service, macOS Keychain or Windows Credential Manager), and none is usable here: {cause}. Minors mode still works, but it cannot be locked with a PIN.</source>
        <translation>The guardian PIN needs the system keyring (Secret Service, macOS Keychain or Windows Credential Manager), and none is usable here: {cause}. Minors mode still works, but it cannot be locked with a PIN.</translation>
    </message>
    <message>
        <source>A guardian PIN is 4 to 12 digits (0-9), e.g. 2468.</source>
        <translation>A guardian PIN is 4 to 12 digits (0-9), e.g. 2468.</translation>
    </message>
    <message>
        <source>A guardian PIN is already set. Enter the current PIN to change it.</source>
        <translation>A guardian PIN is already set. Enter the current PIN to change it.</translation>
    </message>
    <message>
        <source>A guardian PIN is already set and the current PIN is wrong; the PIN was not changed.</source>
        <translation>A guardian PIN is already set and the current PIN is wrong; the PIN was not changed.</translation>
    </message>
    <message>
        <source>The guardian PIN could not be saved in the system keyring: {error}</source>
        <translation>The guardian PIN could not be saved in the system keyring: {error}</translation>
    </message>
    <message>
        <source>Wrong guardian PIN; the PIN was not removed.</source>
        <translation>Wrong guardian PIN; the PIN was not removed.</translation>
    </message>
    <message>
        <source>The guardian PIN could not be removed from the system keyring: {error}</source>
        <translation>The guardian PIN could not be removed from the system keyring: {error}</translation>
    </message>
    <message>
        <source>no keyring backend is installed or running</source>
        <translation>no keyring backend is installed or running</translation>
    </message>
    <message>
        <source>Minors mode is locked with a guardian PIN; enter the PIN to turn it off.</source>
        <translation>Minors mode is locked with a guardian PIN; enter the PIN to turn it off.</translation>
    </message>
    <message>
        <source>Wrong guardian PIN; minors mode stays on.</source>
        <translation>Wrong guardian PIN; minors mode stays on.</translation>
    </message>
    <message>
        <source>is larger than {kib} KiB once decoded; send a smaller image</source>
        <translation>is larger than {kib} KiB once decoded; send a smaller image</translation>
    </message>
    <message>
        <source>must be a data: URI with base64 content, e.g. data:image/png;base64,…</source>
        <translation>must be a data: URI with base64 content, e.g. data:image/png;base64,…</translation>
    </message>
    <message>
        <source>has invalid base64 content</source>
        <translation>has invalid base64 content</translation>
    </message>
    <message>
        <source>is neither PNG nor JPEG (checked from its bytes, not its MIME type)</source>
        <translation>is neither PNG nor JPEG (checked from its bytes, not its MIME type)</translation>
    </message>
    <message>
        <source>is a truncated PNG: its IHDR header is missing</source>
        <translation>is a truncated PNG: its IHDR header is missing</translation>
    </message>
    <message>
        <source>is a corrupt JPEG: bad marker</source>
        <translation>is a corrupt JPEG: bad marker</translation>
    </message>
    <message>
        <source>is a corrupt JPEG: bad segment length</source>
        <translation>is a corrupt JPEG: bad segment length</translation>
    </message>
    <message>
        <source>is a truncated JPEG: no frame header with its size</source>
        <translation>is a truncated JPEG: no frame header with its size</translation>
    </message>
    <message>
        <source>is labelled {mime} but its bytes are {format}; label it {right}</source>
        <translation>is labelled {mime} but its bytes are {format}; label it {right}</translation>
    </message>
    <message>
        <source>declares an empty (0-pixel) size</source>
        <extracomment>The Pillow plugin of each format :func:`~popup_client.core.images.sniff_size` tells from the signature. What ``Image.open`` takes for &quot;this plugin cannot identify the file&quot;.</extracomment>
        <translation>declares an empty (0-pixel) size</translation>
    </message>
    <message>
        <source>is {width} × {height} px; the limit is {side} × {side} px</source>
        <translation>is {width} × {height} px; the limit is {side} × {side} px</translation>
    </message>
    <message>
        <source>{file}: every [[source]] needs a non-empty name</source>
        <extracomment>The version of the empty list that stands in for an unusable one.</extracomment>
        <translation>{file}: every [[source]] needs a non-empty name</translation>
    </message>
    <message>
        <source>{file}: aliases and domains must be lists of strings</source>
        <translation>{file}: aliases and domains must be lists of strings</translation>
    </message>
    <message>
        <source>cannot read the news-source list {file}: {error}</source>
        <translation>cannot read the news-source list {file}: {error}</translation>
    </message>
    <message>
        <source>the news-source list {file} is not valid TOML: {error}</source>
        <translation>the news-source list {file} is not valid TOML: {error}</translation>
    </message>
    <message>
        <source>{file}: unsupported format {format}; expected format = 1</source>
        <translation>{file}: unsupported format {format}; expected format = 1</translation>
    </message>
    <message>
        <source>{file}: needs a version string, e.g. version = &quot;2026-11-01&quot;</source>
        <translation>{file}: needs a version string, e.g. version = &quot;2026-11-01&quot;</translation>
    </message>
    <message>
        <source>{error}; no news source is accepted until it is fixed</source>
        <translation>{error}; no news source is accepted until it is fixed</translation>
    </message>
    <message>
        <source>is {length} characters; the limit is {limit}</source>
        <translation>is {length} characters; the limit is {limit}</translation>
    </message>
    <message>
        <source>is empty after removing control and invisible characters; give a visible {what}</source>
        <translation>is empty after removing control and invisible characters; give a visible {what}</translation>
    </message>
    <message>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>reason</translation>
    </message>
    <message>
        <source>title</source>
        <translation>title</translation>
    </message>
    <message>
        <source>must be a lower-case reverse-DNS id with at least two labels, ≤ 255 characters, e.g. com.example.news</source>
        <translation>must be a lower-case reverse-DNS id with at least two labels, ≤ 255 characters, e.g. com.example.news</translation>
    </message>
    <message>
        <source>must be the integer 1, not a boolean</source>
        <translation>must be the integer 1, not a boolean</translation>
    </message>
    <message>
        <source>must be a bare lower-case host name such as example.com, with no scheme or path; give an internationalized domain in its xn-- (punycode) form</source>
        <translation>must be a bare lower-case host name such as example.com, with no scheme or path; give an internationalized domain in its xn-- (punycode) form</translation>
    </message>
    <message>
        <source>contains an unpaired surrogate (a lone \ud800–\udfff escape); send valid Unicode</source>
        <translation>contains an unpaired surrogate (a lone \ud800–\udfff escape); send valid Unicode</translation>
    </message>
    <message>
        <source>must be 1–128 characters of A-Z a-z 0-9 . _ : -</source>
        <extracomment>Problems listed one by one in a PayloadError; the rest are summarised. The wire form of :class:`~popup_client.core.vocabulary.Kind`, as strict validation and the JSON Schema take it.</extracomment>
        <translation>must be 1–128 characters of A-Z a-z 0-9 . _ : -</translation>
    </message>
    <message>
        <source>{name} is not valid JSON</source>
        <translation>{name} is not valid JSON</translation>
    </message>
    <message>
        <source>the payload is {size} bytes; the limit is {limit} bytes (1 MiB), images included</source>
        <translation>the payload is {size} bytes; the limit is {limit} bytes (1 MiB), images included</translation>
    </message>
    <message>
        <source>the payload is not valid UTF-8 (byte {byte}); send UTF-8 JSON</source>
        <translation>the payload is not valid UTF-8 (byte {byte}); send UTF-8 JSON</translation>
    </message>
    <message>
        <source>the key {key!r} appears twice in one object; send each key once</source>
        <translation>the key {key!r} appears twice in one object; send each key once</translation>
    </message>
    <message>
        <source>the JSON is nested too deeply; a payload is at most a few levels deep</source>
        <translation>the JSON is nested too deeply; a payload is at most a few levels deep</translation>
    </message>
    <message>
        <source>the payload is not valid JSON: {error}</source>
        <translation>the payload is not valid JSON: {error}</translation>
    </message>
    <message>
        <source>the payload must be a JSON object</source>
        <translation>the payload must be a JSON object</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>must be an object</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>is required</translation>
    </message>
    <message>
        <source>is not a field of payload version 1; remove it (a payload cannot control presentation)</source>
        <translation>is not a field of payload version 1; remove it (a payload cannot control presentation)</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>must be a string</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>must be true or false</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>must be a list</translation>
    </message>
    <message>
        <source>input should be a valid string, unable to parse raw data as a unicode string</source>
        <translation>input should be a valid string, unable to parse raw data as a unicode string</translation>
    </message>
    <message>
        <source>unable to parse input string as an integer, exceeded maximum size</source>
        <translation>unable to parse input string as an integer, exceeded maximum size</translation>
    </message>
    <message>
        <source>must be {expected}</source>
        <translation>must be {expected}</translation>
    </message>
    <message>
        <source>is too long; the limit is {limit}</source>
        <translation>is too long; the limit is {limit}</translation>
    </message>
    <message>
        <source>… and {count} more problem(s), not listed</source>
        <translation>… and {count} more problem(s), not listed</translation>
    </message>
    <message>
        <source>{value!r} is not a provider id; provider ids look like com.example.news</source>
        <translation>{value!r} is not a provider id; provider ids look like com.example.news</translation>
    </message>
    <message>
        <source>must be &quot;HH:MM-HH:MM&quot; in local time, e.g. &quot;22:00-08:00&quot;, or &quot;&quot; for none</source>
        <translation>must be &quot;HH:MM-HH:MM&quot; in local time, e.g. &quot;22:00-08:00&quot;, or &quot;&quot; for none</translation>
    </message>
    <message>
        <source>has an impossible time; hours go from 00 to 23 and minutes from 00 to 59</source>
        <translation>has an impossible time; hours go from 00 to 23 and minutes from 00 to 59</translation>
    </message>
    <message>
        <source>starts and ends at the same time; use &quot;&quot; for no quiet hours</source>
        <translation>starts and ends at the same time; use &quot;&quot; for no quiet hours</translation>
    </message>
    <message>
        <source>Popups this provider may show per hour, instead of caps.provider_hourly.</source>
        <translation>Popups this provider may show per hour, instead of caps.provider_hourly.</translation>
    </message>
    <message>
        <source>Popups this provider may show in 24 hours, instead of caps.provider_daily.</source>
        <translation>Popups this provider may show in 24 hours, instead of caps.provider_daily.</translation>
    </message>
    <message>
        <source>Total per hour</source>
        <translation>Total per hour</translation>
    </message>
    <message>
        <source>Ad, news and content popups shown per hour, all providers together.</source>
        <translation>Ad, news and content popups shown per hour, all providers together.</translation>
    </message>
    <message>
        <source>Per provider per hour</source>
        <translation>Per provider per hour</translation>
    </message>
    <message>
        <source>Ad, news and content popups one provider may show per hour.</source>
        <translation>Ad, news and content popups one provider may show per hour.</translation>
    </message>
    <message>
        <source>Per provider per day</source>
        <translation>Per provider per day</translation>
    </message>
    <message>
        <source>Ad, news and content popups one provider may show in 24 hours.</source>
        <translation>Ad, news and content popups one provider may show in 24 hours.</translation>
    </message>
    <message>
        <source>Service messages per minute</source>
        <translation>Service messages per minute</translation>
    </message>
    <message>
        <source>Service popups (chat, system messages) one provider may show per minute.</source>
        <translation>Service popups (chat, system messages) one provider may show per minute.</translation>
    </message>
    <message>
        <source>Provider overrides</source>
        <translation>Provider overrides</translation>
    </message>
    <message>
        <source>Caps for single providers, lower or higher than the general ones (set them as caps.providers.&lt;provider id&gt;.hourly or .daily).</source>
        <translation>Caps for single providers, lower or higher than the general ones (set them as caps.providers.&lt;provider id&gt;.hourly or .daily).</translation>
    </message>
    <message>
        <source>Blocked kinds</source>
        <translation>Blocked kinds</translation>
    </message>
    <message>
        <source>Kinds of popup never shown.</source>
        <translation>Kinds of popup never shown.</translation>
    </message>
    <message>
        <source>Blocked providers</source>
        <translation>Blocked providers</translation>
    </message>
    <message>
        <source>Provider ID, e.g. com.example.news</source>
        <translation>Provider ID, e.g. com.example.news</translation>
    </message>
    <message>
        <source>Providers whose popups are never shown.</source>
        <translation>Providers whose popups are never shown.</translation>
    </message>
    <message>
        <source>Ad display time</source>
        <translation>Ad display time</translation>
    </message>
    <message>
        <source>Seconds an ad stays on screen; 0 = until closed.</source>
        <translation>Seconds an ad stays on screen; 0 = until closed.</translation>
    </message>
    <message>
        <source>News display time</source>
        <translation>News display time</translation>
    </message>
    <message>
        <source>Seconds a news popup stays on screen; 0 = until closed.</source>
        <translation>Seconds a news popup stays on screen; 0 = until closed.</translation>
    </message>
    <message>
        <source>Content display time</source>
        <translation>Content display time</translation>
    </message>
    <message>
        <source>Seconds a content popup stays on screen; 0 = until closed.</source>
        <translation>Seconds a content popup stays on screen; 0 = until closed.</translation>
    </message>
    <message>
        <source>Service display time</source>
        <translation>Service display time</translation>
    </message>
    <message>
        <source>Seconds a service popup stays on screen; 0 = until closed.</source>
        <translation>Seconds a service popup stays on screen; 0 = until closed.</translation>
    </message>
    <message>
        <source>Idle connection timeout (s)</source>
        <translation>Idle connection timeout (s)</translation>
    </message>
    <message>
        <source>A connection that sends nothing for this many seconds is closed.</source>
        <translation>A connection that sends nothing for this many seconds is closed.</translation>
    </message>
    <message>
        <source>Max connections</source>
        <translation>Max connections</translation>
    </message>
    <message>
        <source>Connections open at once; more are refused.</source>
        <translation>Connections open at once; more are refused.</translation>
    </message>
    <message>
        <source>Max request size (KiB)</source>
        <translation>Max request size (KiB)</translation>
    </message>
    <message>
        <source>Longest request line in KiB (a popup may be 1 MiB); longer lines are refused without being read whole.</source>
        <translation>Longest request line in KiB (a popup may be 1 MiB); longer lines are refused without being read whole.</translation>
    </message>
    <message>
        <source>Display method</source>
        <translation>Display method</translation>
    </message>
    <message>
        <source>How popups are put on screen: auto (chosen from the session: layer-shell on sway and KDE, xwayland on GNOME, x11 on X11), layer-shell, xwayland, x11 or window (plain windows).</source>
        <translation>How popups are put on screen: auto (chosen from the session: layer-shell on sway and KDE, xwayland on GNOME, x11 on X11), layer-shell, xwayland, x11 or window (plain windows).</translation>
    </message>
    <message>
        <source>Corner</source>
        <translation>Corner</translation>
    </message>
    <message>
        <source>Corner the popups stack from: auto (top-right; bottom-right on Windows), top-right, top-left, bottom-right or bottom-left.</source>
        <translation>Corner the popups stack from: auto (top-right; bottom-right on Windows), top-right, top-left, bottom-right or bottom-left.</translation>
    </message>
    <message>
        <source>Gap to the screen edges</source>
        <translation>Gap to the screen edges</translation>
    </message>
    <message>
        <source>Gap in px between the popups and the edges of the area panels and bars leave free.</source>
        <translation>Gap in px between the popups and the edges of the area panels and bars leave free.</translation>
    </message>
    <message>
        <source>Gap when panels are unknown</source>
        <translation>Gap when panels are unknown</translation>
    </message>
    <message>
        <source>Gap in px from the screen&apos;s edges where the window system does not say where panels are (raise it if a panel covers popups).</source>
        <translation>Gap in px from the screen&apos;s edges where the window system does not say where panels are (raise it if a panel covers popups).</translation>
    </message>
    <message>
        <source>Keep the text of service messages</source>
        <translation>Keep the text of service messages</translation>
    </message>
    <message>
        <source>Keep the title and body of service popups (chat, mail, login codes: every desktop notification) in the history; off = only who sent it, when, what was decided, and a fingerprint and length of the text.</source>
        <translation>Keep the title and body of service popups (chat, mail, login codes: every desktop notification) in the history; off = only who sent it, when, what was decided, and a fingerprint and length of the text.</translation>
    </message>
    <message>
        <source>Keep service messages for</source>
        <translation>Keep service messages for</translation>
    </message>
    <message>
        <source>Days the history keeps service popups (and payloads that did not parse).</source>
        <translation>Days the history keeps service popups (and payloads that did not parse).</translation>
    </message>
    <message>
        <source>Keep ads, news and content for</source>
        <translation>Keep ads, news and content for</translation>
    </message>
    <message>
        <source>Days the history keeps ad, news and content popups; complaints and the popups they cite are kept until you delete them.</source>
        <translation>Days the history keeps ad, news and content popups; complaints and the popups they cite are kept until you delete them.</translation>
    </message>
    <message>
        <source>What the history keeps, and for how long (docs/privacy.md).</source>
        <translation>What the history keeps, and for how long (docs/privacy.md).</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <source>Colours of popups: auto (the system&apos;s: light or dark, high contrast when the system asks for more contrast), light, dark or high-contrast (black on white or white on black, after the system&apos;s scheme).</source>
        <translation>Colours of popups: auto (the system&apos;s: light or dark, high contrast when the system asks for more contrast), light, dark or high-contrast (black on white or white on black, after the system&apos;s scheme).</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>Larger text shows fewer lines; the Full text button opens the rest.</source>
        <translation>Larger text shows fewer lines; the Full text button opens the rest.</translation>
    </message>
    <message>
        <source>Text size of popups in percent (100-200), multiplied by the system&apos;s font scale (up to 200 % in all); larger text shows fewer lines, and a button opens the full text.</source>
        <translation>Text size of popups in percent (100-200), multiplied by the system&apos;s font scale (up to 200 % in all); larger text shows fewer lines, and a button opens the full text.</translation>
    </message>
    <message>
        <source>Reduce motion</source>
        <translation>Reduce motion</translation>
    </message>
    <message>
        <source>No animations at all: true, or false to follow the system (no animation when it asks for none).</source>
        <translation>No animations at all: true, or false to follow the system (no animation when it asks for none).</translation>
    </message>
    <message>
        <source>How many popups may be shown.</source>
        <translation>How many popups may be shown.</translation>
    </message>
    <message>
        <source>Kinds and providers never shown.</source>
        <translation>Kinds and providers never shown.</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>Quiet hours</translation>
    </message>
    <message>
        <source>e.g. 22:00-08:00 (may cross midnight); empty for none</source>
        <translation>e.g. 22:00-08:00 (may cross midnight); empty for none</translation>
    </message>
    <message>
        <source>Local time span with no popups, e.g. &quot;22:00-08:00&quot; (may cross midnight); empty = none.</source>
        <translation>Local time span with no popups, e.g. &quot;22:00-08:00&quot; (may cross midnight); empty = none.</translation>
    </message>
    <message>
        <source>Paused until</source>
        <translation>Paused until</translation>
    </message>
    <message>
        <source>e.g. 2026-11-27T18:00:00+08:00; empty for not paused</source>
        <translation>e.g. 2026-11-27T18:00:00+08:00; empty for not paused</translation>
    </message>
    <message>
        <source>No popups until this time (RFC 3339 with offset); empty = not paused.</source>
        <translation>No popups until this time (RFC 3339 with offset); empty = not paused.</translation>
    </message>
    <message>
        <source>Minors mode</source>
        <translation>Minors mode</translation>
    </message>
    <message>
        <source>Minor protection: no ads, nothing personalized, only listed news sources (can be locked with a guardian PIN).</source>
        <translation>Minor protection: no ads, nothing personalized, only listed news sources (can be locked with a guardian PIN).</translation>
    </message>
    <message>
        <source>Same topic, at most</source>
        <translation>Same topic, at most</translation>
    </message>
    <message>
        <source>Popups shown on one topic of one provider within the topic window.</source>
        <translation>Popups shown on one topic of one provider within the topic window.</translation>
    </message>
    <message>
        <source>Topic window</source>
        <translation>Topic window</translation>
    </message>
    <message>
        <source>Hours over which popups on the same topic are counted.</source>
        <translation>Hours over which popups on the same topic are counted.</translation>
    </message>
    <message>
        <source>Maximum news age</source>
        <translation>Maximum news age</translation>
    </message>
    <message>
        <source>News older than this many hours is not shown.</source>
        <translation>News older than this many hours is not shown.</translation>
    </message>
    <message>
        <source>News source list</source>
        <translation>News source list</translation>
    </message>
    <message>
        <source>Empty: the built-in list</source>
        <translation>Empty: the built-in list</translation>
    </message>
    <message>
        <source>A news-source list file that replaces the shipped one; empty = the shipped list.</source>
        <translation>A news-source list file that replaces the shipped one; empty = the shipped list.</translation>
    </message>
    <message>
        <source>Unverified providers</source>
        <translation>Unverified providers</translation>
    </message>
    <message>
        <source>Show, marked &quot;Unverified&quot;</source>
        <translation>Show, marked &quot;Unverified&quot;</translation>
    </message>
    <message>
        <source>Don&apos;t show</source>
        <translation>Don&apos;t show</translation>
    </message>
    <message>
        <source>Popups from unverified providers: show (marked as unverified) or reject.</source>
        <translation>Popups from unverified providers: show (marked as unverified) or reject.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Applies from the next start; 广告 (ad) and 关闭 (close) stay Chinese in every language.</source>
        <translation>Applies from the next start; 广告 (ad) and 关闭 (close) stay Chinese in every language.</translation>
    </message>
    <message>
        <source>Language of the app&apos;s own text: auto (the system&apos;s: Chinese locales get zh_CN, others en), zh_CN or en; 「广告」 and 「关闭」 stay Chinese in every language. Takes effect at the next start.</source>
        <translation>Language of the app&apos;s own text: auto (the system&apos;s: Chinese locales get zh_CN, others en), zh_CN or en; 「广告」 and 「关闭」 stay Chinese in every language. Takes effect at the next start.</translation>
    </message>
    <message>
        <source>On screen at once</source>
        <translation>On screen at once</translation>
    </message>
    <message>
        <source>Popups on screen at once; more wait in a queue.</source>
        <translation>Popups on screen at once; more wait in a queue.</translation>
    </message>
    <message>
        <source>How long each kind of popup stays on screen.</source>
        <translation>How long each kind of popup stays on screen.</translation>
    </message>
    <message>
        <source>Limits of the local socket API (take effect at the next start).</source>
        <translation>Limits of the local socket API (take effect at the next start).</translation>
    </message>
    <message>
        <source>Where popups appear on the desktop (take effect at the next start).</source>
        <translation>Where popups appear on the desktop (take effect at the next start).</translation>
    </message>
    <message>
        <source>How popups look: theme, text size, motion.</source>
        <translation>How popups look: theme, text size, motion.</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true or false</translation>
    </message>
    <message>
        <source>one of {choices}</source>
        <translation>one of {choices}</translation>
    </message>
    <message>
        <source>provider ids</source>
        <translation>provider ids</translation>
    </message>
    <message>
        <source>a list of {what} (a TOML list, or words separated by commas)</source>
        <translation>a list of {what} (a TOML list, or words separated by commas)</translation>
    </message>
    <message>
        <source>a table of provider id = {{ hourly = N, daily = N }}</source>
        <translation>a table of provider id = {{ hourly = N, daily = N }}</translation>
    </message>
    <message>
        <source>a span of local time &quot;HH:MM-HH:MM&quot;, or &quot;&quot; for none</source>
        <translation>a span of local time &quot;HH:MM-HH:MM&quot;, or &quot;&quot; for none</translation>
    </message>
    <message>
        <source>an RFC 3339 time with an offset, e.g. 2026-11-27T18:00:00+08:00, or &quot;&quot; for none</source>
        <translation>an RFC 3339 time with an offset, e.g. 2026-11-27T18:00:00+08:00, or &quot;&quot; for none</translation>
    </message>
    <message>
        <source>a whole number from {minimum} to {maximum}</source>
        <translation>a whole number from {minimum} to {maximum}</translation>
    </message>
    <message>
        <source>a whole number, {minimum} or more</source>
        <translation>a whole number, {minimum} or more</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>a whole number</translation>
    </message>
    <message>
        <source>unknown preference {key!r}; a provider&apos;s caps are {prefix}.hourly and .daily</source>
        <translation>unknown preference {key!r}; a provider&apos;s caps are {prefix}.hourly and .daily</translation>
    </message>
    <message>
        <source>This provider&apos;s caps.</source>
        <translation>This provider&apos;s caps.</translation>
    </message>
    <message>
        <source>unknown preference {key!r}; did you mean {close}? valid keys: {keys}</source>
        <translation>unknown preference {key!r}; did you mean {close}? valid keys: {keys}</translation>
    </message>
    <message>
        <source>unknown preference {key!r}; valid keys: {keys}</source>
        <translation>unknown preference {key!r}; valid keys: {keys}</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nothing</translation>
    </message>
    <message>
        <source>{key} = {value} is not valid: {problems}.</source>
        <translation>{key} = {value} is not valid: {problems}.</translation>
    </message>
    <message>
        <source>One cap of one provider is set as {key}.&lt;provider id&gt;.hourly or .daily.</source>
        <translation>One cap of one provider is set as {key}.&lt;provider id&gt;.hourly or .daily.</translation>
    </message>
    <message>
        <source>Example: {example}.</source>
        <translation>Example: {example}.</translation>
    </message>
    <message>
        <source>Expected {expected}, e.g. {example}.</source>
        <translation>Expected {expected}, e.g. {example}.</translation>
    </message>
    <message>
        <source>input should be greater than or equal to {ge}</source>
        <extracomment>What each problem a preference can have says, as translatable text (the words they have always had, lower case).</extracomment>
        <translation>input should be greater than or equal to {ge}</translation>
    </message>
    <message>
        <source>input should be less than or equal to {le}</source>
        <translation>input should be less than or equal to {le}</translation>
    </message>
    <message>
        <source>input should be a valid integer</source>
        <translation>input should be a valid integer</translation>
    </message>
    <message>
        <source>input should be a valid boolean</source>
        <translation>input should be a valid boolean</translation>
    </message>
    <message>
        <source>input should be a valid string</source>
        <translation>input should be a valid string</translation>
    </message>
    <message>
        <source>input should be a valid list</source>
        <translation>input should be a valid list</translation>
    </message>
    <message>
        <source>input should be a valid dictionary</source>
        <translation>input should be a valid dictionary</translation>
    </message>
    <message>
        <source>input should be a valid dictionary or instance of {class_name}</source>
        <translation>input should be a valid dictionary or instance of {class_name}</translation>
    </message>
    <message>
        <source>input should be {expected}</source>
        <translation>input should be {expected}</translation>
    </message>
    <message>
        <source>is not a known setting</source>
        <translation>is not a known setting</translation>
    </message>
    <message>
        <source>{message} (found {found})</source>
        <translation>{message} (found {found})</translation>
    </message>
    <message>
        <source>item {number}</source>
        <translation>item {number}</translation>
    </message>
    <message>
        <source>{first}.{second}</source>
        <translation>{first}.{second}</translation>
    </message>
    <message>
        <source>{key} = {value} is not valid.</source>
        <translation>{key} = {value} is not valid.</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>(nothing)</translation>
    </message>
    <message>
        <source>{key!r} is a section; set one of its keys: {keys}</source>
        <translation>{key!r} is a section; set one of its keys: {keys}</translation>
    </message>
    <message>
        <source>it is not valid TOML ({error})</source>
        <translation>it is not valid TOML ({error})</translation>
    </message>
    <message>
        <source>it cannot be read ({error})</source>
        <translation>it cannot be read ({error})</translation>
    </message>
    <message>
        <source>it is not UTF-8 text</source>
        <extracomment>Checks every change that would turn minors mode off (:func:`guard_change`).</extracomment>
        <translation>it is not UTF-8 text</translation>
    </message>
    <message>
        <source>line {number} ({text}): {reason}</source>
        <translation>line {number} ({text}): {reason}</translation>
    </message>
    <message>
        <source>not UTF-8 text</source>
        <translation>not UTF-8 text</translation>
    </message>
    <message>
        <source>not valid TOML ({error})</source>
        <translation>not valid TOML ({error})</translation>
    </message>
    <message>
        <source>nothing else in it could be read</source>
        <translation>nothing else in it could be read</translation>
    </message>
    <message>
        <source>the preferences did not survive conversion to TOML; the file was left unchanged</source>
        <translation>the preferences did not survive conversion to TOML; the file was left unchanged</translation>
    </message>
    <message>
        <source>cannot save the preferences to {path}: {error}</source>
        <translation>cannot save the preferences to {path}: {error}</translation>
    </message>
    <message>
        <source>The preferences file {path} is not usable: {reason}.</source>
        <translation>The preferences file {path} is not usable: {reason}.</translation>
    </message>
    <message>
        <source>it is larger than {size} KiB</source>
        <translation>it is larger than {size} KiB</translation>
    </message>
    <message>
        <source>The preferences file {path} has settings that cannot be used, now at their defaults: {problems}.</source>
        <translation>The preferences file {path} has settings that cannot be used, now at their defaults: {problems}.</translation>
    </message>
    <message>
        <source>Every other setting was kept.</source>
        <translation>Every other setting was kept.</translation>
    </message>
    <message>
        <source>It was moved to {name}.</source>
        <translation>It was moved to {name}.</translation>
    </message>
    <message>
        <source>The preferences file {path} cannot be read ({error}); the preferences read before stay in effect, and no change can be saved until it can be read again.</source>
        <translation>The preferences file {path} cannot be read ({error}); the preferences read before stay in effect, and no change can be saved until it can be read again.</translation>
    </message>
    <message>
        <source>cannot read the preferences file {path} ({error}); nothing was saved, so that the settings in it are not lost. Make it readable again, or move it away to start from the defaults</source>
        <translation>cannot read the preferences file {path} ({error}); nothing was saved, so that the settings in it are not lost. Make it readable again, or move it away to start from the defaults</translation>
    </message>
    <message>
        <source>another program is changing the preferences ({path} stays locked); nothing was saved</source>
        <translation>another program is changing the preferences ({path} stays locked); nothing was saved</translation>
    </message>
    <message>
        <source>cannot keep the damaged preferences file {path} aside ({error}); nothing was saved</source>
        <translation>cannot keep the damaged preferences file {path} aside ({error}); nothing was saved</translation>
    </message>
    <message>
        <source>the preferences file {path} kept changing while being saved; nothing was saved</source>
        <translation>the preferences file {path} kept changing while being saved; nothing was saved</translation>
    </message>
    <message>
        <source>The default preferences are in effect.</source>
        <translation>The default preferences are in effect.</translation>
    </message>
    <message>
        <source>is {width} × {height} px, more than the {limit} pixels allowed; send a smaller image</source>
        <translation>is {width} × {height} px, more than the {limit} pixels allowed; send a smaller image</translation>
    </message>
    <message>
        <source>declares too many pixels to decode safely ({error})</source>
        <translation>declares too many pixels to decode safely ({error})</translation>
    </message>
    <message>
        <source>cannot be decoded: it is truncated or corrupt ({error})</source>
        <translation>cannot be decoded: it is truncated or corrupt ({error})</translation>
    </message>
    <message>
        <source>ad</source>
        <extracomment>Clock skew tolerated for timestamps a provider claims are &quot;now or earlier&quot;. A kind as a reason names it (&quot;a news popup…&quot;): the English word is the kind itself.</extracomment>
        <translation>ad</translation>
    </message>
    <message>
        <source>news</source>
        <translation>news</translation>
    </message>
    <message>
        <source>content</source>
        <translation>content</translation>
    </message>
    <message>
        <source>service</source>
        <translation>service</translation>
    </message>
    <message>
        <source>the provider has no id; every popup must name who sends it</source>
        <translation>the provider has no id; every popup must name who sends it</translation>
    </message>
    <message>
        <source>the provider has no visible name; every popup must name who sends it</source>
        <translation>the provider has no visible name; every popup must name who sends it</translation>
    </message>
    <message>
        <source>the token was issued to {token}, but the popup claims to come from {provider}</source>
        <translation>the token was issued to {token}, but the popup claims to come from {provider}</translation>
    </message>
    <message>
        <source>the provider is not verified and the user accepts only verified providers</source>
        <translation>the provider is not verified and the user accepts only verified providers</translation>
    </message>
    <message>
        <source>{provider} is registered with the name &quot;{registered}&quot;, but the popup shows the name &quot;{name}&quot;; a verified popup must show its registered name</source>
        <translation>{provider} is registered with the name &quot;{registered}&quot;, but the popup shows the name &quot;{name}&quot;; a verified popup must show its registered name</translation>
    </message>
    <message>
        <source>carries an ad declaration but its kind is {kind!r}; an ad must be sent as kind &quot;ad&quot;</source>
        <translation>carries an ad declaration but its kind is {kind!r}; an ad must be sent as kind &quot;ad&quot;</translation>
    </message>
    <message>
        <source>carries a news declaration but its kind is {kind!r}; news must be sent as kind &quot;news&quot;</source>
        <translation>carries a news declaration but its kind is {kind!r}; news must be sent as kind &quot;news&quot;</translation>
    </message>
    <message>
        <source>an ad needs an &quot;ad&quot; object with advertiser and review_id</source>
        <translation>an ad needs an &quot;ad&quot; object with advertiser and review_id</translation>
    </message>
    <message>
        <source>an ad must name its advertiser</source>
        <translation>an ad must name its advertiser</translation>
    </message>
    <message>
        <source>an ad must carry the id of its compliance review</source>
        <translation>an ad must carry the id of its compliance review</translation>
    </message>
    <message>
        <source>a {kind} popup needs a &quot;review&quot; object: who reviewed it and when</source>
        <translation>a {kind} popup needs a &quot;review&quot; object: who reviewed it and when</translation>
    </message>
    <message>
        <source>the review must name its reviewer</source>
        <translation>the review must name its reviewer</translation>
    </message>
    <message>
        <source>the review must say when it happened</source>
        <translation>the review must say when it happened</translation>
    </message>
    <message>
        <source>the review is dated in the future</source>
        <translation>the review is dated in the future</translation>
    </message>
    <message>
        <source>the popup was sent before it was reviewed</source>
        <translation>the popup was sent before it was reviewed</translation>
    </message>
    <message>
        <source>a news popup needs a &quot;news&quot; object with source, license, original_title, published_at and url</source>
        <translation>a news popup needs a &quot;news&quot; object with source, license, original_title, published_at and url</translation>
    </message>
    <message>
        <source>a news popup must carry the provider&apos;s news-service licence number</source>
        <translation>a news popup must carry the provider&apos;s news-service licence number</translation>
    </message>
    <message>
        <source>a news popup must name its source</source>
        <translation>a news popup must name its source</translation>
    </message>
    <message>
        <source>the source {source!r} is not on the news-source list (version {version})</source>
        <translation>the source {source!r} is not on the news-source list (version {version})</translation>
    </message>
    <message>
        <source>a news popup must give the original story&apos;s url</source>
        <translation>a news popup must give the original story&apos;s url</translation>
    </message>
    <message>
        <source>the original story&apos;s url must be an https address</source>
        <translation>the original story&apos;s url must be an https address</translation>
    </message>
    <message>
        <source>a news popup must give the source&apos;s original title</source>
        <translation>a news popup must give the source&apos;s original title</translation>
    </message>
    <message>
        <source>the title differs from the source&apos;s original title; headlines may not be rewritten</source>
        <translation>the title differs from the source&apos;s original title; headlines may not be rewritten</translation>
    </message>
    <message>
        <source>a news popup must say when the story was published</source>
        <translation>a news popup must say when the story was published</translation>
    </message>
    <message>
        <source>the story is dated in the future</source>
        <translation>the story is dated in the future</translation>
    </message>
    <message>
        <source>the story is {hours} h old; news older than {limit} h is not pushed</source>
        <translation>the story is {hours} h old; news older than {limit} h is not pushed</translation>
    </message>
    <message>
        <source>is not a well-formed absolute address</source>
        <translation>is not a well-formed absolute address</translation>
    </message>
    <message>
        <source>uses the {scheme}: scheme; only {allowed} is allowed</source>
        <translation>uses the {scheme}: scheme; only {allowed} is allowed</translation>
    </message>
    <message>
        <source>has no host</source>
        <translation>has no host</translation>
    </message>
    <message>
        <source>carries a user name or password; such addresses disguise their real host</source>
        <translation>carries a user name or password; such addresses disguise their real host</translation>
    </message>
    <message>
        <source>a popup whose provider declares no domain may carry no links</source>
        <translation>a popup whose provider declares no domain may carry no links</translation>
    </message>
    <message>
        <source>leads to {host}, which is not {domain} or a subdomain of it</source>
        <translation>leads to {host}, which is not {domain} or a subdomain of it</translation>
    </message>
    <message>
        <source>cannot be decoded: {problem}</source>
        <translation>cannot be decoded: {problem}</translation>
    </message>
    <message>
        <source>contains a {format} barcode; popups may not lure with QR codes or other 2-D barcodes</source>
        <translation>contains a {format} barcode; popups may not lure with QR codes or other 2-D barcodes</translation>
    </message>
    <message>
        <source>{provider} already sent a popup with id {id!r}; each popup is pushed once</source>
        <translation>{provider} already sent a popup with id {id!r}; each popup is pushed once</translation>
    </message>
    <message>
        <source>popups are paused until {time}</source>
        <extracomment>Kinds the hourly/daily/global caps apply to; service popups have a flood guard instead.</extracomment>
        <translation>popups are paused until {time}</translation>
    </message>
    <message>
        <source>the user opted out of {provider}</source>
        <translation>the user opted out of {provider}</translation>
    </message>
    <message>
        <source>the user opted out of all {kind} popups</source>
        <translation>the user opted out of all {kind} popups</translation>
    </message>
    <message>
        <source>inside the user&apos;s quiet hours ({hours})</source>
        <translation>inside the user&apos;s quiet hours ({hours})</translation>
    </message>
    <message>
        <source>minors mode is on: no advertising</source>
        <translation>minors mode is on: no advertising</translation>
    </message>
    <message>
        <source>minors mode is on: no personalized popups</source>
        <translation>minors mode is on: no personalized popups</translation>
    </message>
    <message>
        <source>minors mode is on: news only from listed sources</source>
        <translation>minors mode is on: news only from listed sources</translation>
    </message>
    <message>
        <source>{shown} popups on topic {topic!r} already shown in {hours} h (limit {limit})</source>
        <translation>{shown} popups on topic {topic!r} already shown in {hours} h (limit {limit})</translation>
    </message>
    <message>
        <source>{shown} notifications from this provider in the last minute (limit {limit})</source>
        <translation>{shown} notifications from this provider in the last minute (limit {limit})</translation>
    </message>
    <message>
        <source>{shown} popups shown from this provider in the last hour (limit {limit})</source>
        <translation>{shown} popups shown from this provider in the last hour (limit {limit})</translation>
    </message>
    <message>
        <source>{shown} popups shown from this provider in the last 24 h (limit {limit})</source>
        <translation>{shown} popups shown from this provider in the last 24 h (limit {limit})</translation>
    </message>
    <message>
        <source>{shown} popups shown from all providers in the last hour (limit {limit})</source>
        <translation>{shown} popups shown from all providers in the last hour (limit {limit})</translation>
    </message>
    <message>
        <source>{first} {second}</source>
        <extracomment>What an argument may be: a :class:`Text` (translated when shown) or data (shown as it is). Two sentences one after the other.</extracomment>
        <translation>{first} {second}</translation>
    </message>
    <message>
        <source>{first}; {second}</source>
        <extracomment>Two items of a list of problems.</extracomment>
        <translation>{first}; {second}</translation>
    </message>
    <message>
        <source>{first}, {second}</source>
        <extracomment>Two items of a list of names.</extracomment>
        <translation>{first}, {second}</translation>
    </message>
    <message>
        <source>{first} or {second}</source>
        <extracomment>Two alternatives.</extracomment>
        <translation>{first} or {second}</translation>
    </message>
    <message>
        <source>{path}: {message}</source>
        <extracomment>A message about one field of a payload or a setting: ``news.url: must be https``.</extracomment>
        <translation>{path}: {message}</translation>
    </message>
    <message>
        <source>is a timestamp without a time-zone offset; add one, e.g. +08:00</source>
        <translation>is a timestamp without a time-zone offset; add one, e.g. +08:00</translation>
    </message>
    <message>
        <source>must be an RFC 3339 timestamp string, e.g. 2026-11-27T18:00:00+08:00</source>
        <translation>must be an RFC 3339 timestamp string, e.g. 2026-11-27T18:00:00+08:00</translation>
    </message>
    <message>
        <source>must be an RFC 3339 timestamp with an offset, e.g. 2026-11-27T18:00:00+08:00</source>
        <translation>must be an RFC 3339 timestamp with an offset, e.g. 2026-11-27T18:00:00+08:00</translation>
    </message>
    <message>
        <source>has an impossible time-zone offset</source>
        <extracomment>The time zones of the offsets seen so far, by their text (at most 2 × 24 × 60 of them).</extracomment>
        <translation>has an impossible time-zone offset</translation>
    </message>
    <message>
        <source>is not a real date and time</source>
        <translation>is not a real date and time</translation>
    </message>
    <message>
        <source>The journal {path} was damaged ({error}); it was moved to {target} and a new, empty journal was started. Frequency caps count afresh.</source>
        <translation>The journal {path} was damaged ({error}); it was moved to {target} and a new, empty journal was started. Frequency caps count afresh.</translation>
    </message>
    <message>
        <source>Frequency caps</source>
        <translation>Frequency caps</translation>
    </message>
    <message>
        <source>Blocking</source>
        <translation>Blocking</translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation>Do not disturb</translation>
    </message>
    <message>
        <source>News</source>
        <translation>News</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Shown</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <source>Local API</source>
        <translation>Local API</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source> popups</source>
        <translation> popups</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source> days</source>
        <translation> days</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Until closed</source>
        <translation>Until closed</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>System default</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>the bundle body cannot be written as JSON: {error}</source>
        <translation>the bundle body cannot be written as JSON: {error}</translation>
    </message>
    <message>
        <source>{source} is refused: {reason}</source>
        <translation>{source} is refused: {reason}</translation>
    </message>
    <message>
        <source>it is not signed; only bundles signed with a key in the trust store are accepted</source>
        <translation>it is not signed; only bundles signed with a key in the trust store are accepted</translation>
    </message>
    <message>
        <source>its &quot;signature&quot; must be {{&quot;key_id&quot;: &quot;ed25519:…&quot;, &quot;sig&quot;: &quot;&lt;base64&gt;&quot;}}</source>
        <translation>its &quot;signature&quot; must be {{&quot;key_id&quot;: &quot;ed25519:…&quot;, &quot;sig&quot;: &quot;&lt;base64&gt;&quot;}}</translation>
    </message>
    <message>
        <source>it is signed by {key}, an unknown issuer: that key is not in the trust store</source>
        <translation>it is signed by {key}, an unknown issuer: that key is not in the trust store</translation>
    </message>
    <message>
        <source>the signature does not match the body: it was edited after signing, or signed by another key than {key}</source>
        <translation>the signature does not match the body: it was edited after signing, or signed by another key than {key}</translation>
    </message>
    <message>
        <source>it is {size} bytes; a bundle is at most {limit}</source>
        <translation>it is {size} bytes; a bundle is at most {limit}</translation>
    </message>
    <message>
        <source>it is not a policy bundle (not UTF-8 JSON)</source>
        <translation>it is not a policy bundle (not UTF-8 JSON)</translation>
    </message>
    <message>
        <source>it is not a policy bundle (no &quot;format&quot;: &quot;{format}&quot;)</source>
        <translation>it is not a policy bundle (no &quot;format&quot;: &quot;{format}&quot;)</translation>
    </message>
    <message>
        <source>it has unknown fields: {fields}</source>
        <translation>it has unknown fields: {fields}</translation>
    </message>
    <message>
        <source>its body is not JSON: {error}</source>
        <translation>its body is not JSON: {error}</translation>
    </message>
    <message>
        <source>its body is not a JSON object</source>
        <translation>its body is not a JSON object</translation>
    </message>
    <message>
        <source>its body is not canonical JSON (sorted keys, no spaces); make it with make_bundle</source>
        <translation>its body is not canonical JSON (sorted keys, no spaces); make it with make_bundle</translation>
    </message>
    <message>
        <source>its body lacks {missing} or has unknown fields {unknown}</source>
        <translation>its body lacks {missing} or has unknown fields {unknown}</translation>
    </message>
    <message>
        <source>its body has schema {schema}; this version reads schema 1</source>
        <translation>its body has schema {schema}; this version reads schema 1</translation>
    </message>
    <message>
        <source>its body names the issuer {named}, but it is signed by {key}</source>
        <translation>its body names the issuer {named}, but it is signed by {key}</translation>
    </message>
    <message>
        <source>&quot;version&quot; must be a whole number, 1 or more</source>
        <translation>&quot;version&quot; must be a whole number, 1 or more</translation>
    </message>
    <message>
        <source>&quot;created&quot; {problem}</source>
        <translation>&quot;created&quot; {problem}</translation>
    </message>
    <message>
        <source>&quot;title&quot; must be text and &quot;defaults&quot; a table</source>
        <translation>&quot;title&quot; must be text and &quot;defaults&quot; a table</translation>
    </message>
    <message>
        <source>&quot;locks&quot; must be a table of dotted key = {{op = bound}}</source>
        <translation>&quot;locks&quot; must be a table of dotted key = {{op = bound}}</translation>
    </message>
    <message>
        <source>its locks are refused: {problems}</source>
        <translation>its locks are refused: {problems}</translation>
    </message>
    <message>
        <source>&quot;providers&quot; must be a list</source>
        <translation>&quot;providers&quot; must be a list</translation>
    </message>
    <message>
        <source>&quot;providers&quot; lists the same {what} more than once: {values}</source>
        <translation>&quot;providers&quot; lists the same {what} more than once: {values}</translation>
    </message>
    <message>
        <source>{where} must have exactly &quot;id&quot;, &quot;name&quot;, &quot;public_key&quot; and &quot;complaint_url&quot;</source>
        <translation>{where} must have exactly &quot;id&quot;, &quot;name&quot;, &quot;public_key&quot; and &quot;complaint_url&quot;</translation>
    </message>
    <message>
        <source>{where} needs an id, a visible name and an https complaint URL</source>
        <translation>{where} needs an id, a visible name and an https complaint URL</translation>
    </message>
    <message>
        <source>&quot;news_sources&quot; must be {{&quot;version&quot;: &quot;…&quot;, &quot;title&quot;: &quot;…&quot;, &quot;sources&quot;: [{{&quot;name&quot;, &quot;aliases&quot;, &quot;domains&quot;}}]}}</source>
        <translation>&quot;news_sources&quot; must be {{&quot;version&quot;: &quot;…&quot;, &quot;title&quot;: &quot;…&quot;, &quot;sources&quot;: [{{&quot;name&quot;, &quot;aliases&quot;, &quot;domains&quot;}}]}}</translation>
    </message>
    <message>
        <source>row {row} carries no valid chain hash</source>
        <translation>row {row} carries no valid chain hash</translation>
    </message>
    <message>
        <source>row {row} was edited: its content no longer gives the hash it was sealed with</source>
        <translation>row {row} was edited: its content no longer gives the hash it was sealed with</translation>
    </message>
    <message>
        <source>row {row} is out of order: it was sealed after row {other}, which now comes later</source>
        <translation>row {row} is out of order: it was sealed after row {other}, which now comes later</translation>
    </message>
    <message>
        <source>a row was added before row {row}: it was sealed right after row {other}</source>
        <translation>a row was added before row {row}: it was sealed right after row {other}</translation>
    </message>
    <message>
        <source>rows before row {row}, the first, were removed: it follows a row that is not there</source>
        <translation>rows before row {row}, the first, were removed: it follows a row that is not there</translation>
    </message>
    <message>
        <source>rows between row {before} and row {row} were removed: row {row} follows a row that is not there</source>
        <translation>rows between row {before} and row {row} were removed: row {row} follows a row that is not there</translation>
    </message>
    <message>
        <source>rows were removed from the end: a checkpoint of {created} counted {count} rows, there are {now}</source>
        <translation>rows were removed from the end: a checkpoint of {created} counted {count} rows, there are {now}</translation>
    </message>
    <message>
        <source>the chain was rewritten: row {row} no longer has the hash the checkpoint of {created} signed</source>
        <translation>the chain was rewritten: row {row} no longer has the hash the checkpoint of {created} signed</translation>
    </message>
    <message>
        <source>the chain&apos;s start is a {kind} checkpoint, not a prune checkpoint</source>
        <translation>the chain&apos;s start is a {kind} checkpoint, not a prune checkpoint</translation>
    </message>
    <message>
        <source>a checkpoint is malformed</source>
        <translation>a checkpoint is malformed</translation>
    </message>
    <message>
        <source>the checkpoint of {created} is signed with {key}, not with the journal&apos;s key</source>
        <translation>the checkpoint of {created} is signed with {key}, not with the journal&apos;s key</translation>
    </message>
    <message>
        <source>the checkpoint of {created} was altered: its signature does not match</source>
        <translation>the checkpoint of {created} was altered: its signature does not match</translation>
    </message>
    <message>
        <source>the chain proof is malformed</source>
        <translation>the chain proof is malformed</translation>
    </message>
    <message>
        <source>the row in the chain proof was edited: it no longer gives its hash</source>
        <translation>the row in the chain proof was edited: it no longer gives its hash</translation>
    </message>
    <message>
        <source>the chain proof does not lead to its head: a later row was changed, removed or reordered</source>
        <translation>the chain proof does not lead to its head: a later row was changed, removed or reordered</translation>
    </message>
    <message>
        <source>evidence file names must be plain names, not {names}</source>
        <translation>evidence file names must be plain names, not {names}</translation>
    </message>
    <message>
        <source>{folder} already exists and is not an empty folder; nothing was written</source>
        <translation>{folder} already exists and is not an empty folder; nothing was written</translation>
    </message>
    <message>
        <source>{file} was removed: the manifest lists it</source>
        <translation>{file} was removed: the manifest lists it</translation>
    </message>
    <message>
        <source>{file} was added: the manifest does not list it</source>
        <translation>{file} was added: the manifest does not list it</translation>
    </message>
    <message>
        <source>{file} is not a regular file</source>
        <translation>{file} is not a regular file</translation>
    </message>
    <message>
        <source>{file} was changed: its SHA-256 is not the one in the manifest</source>
        <translation>{file} was changed: its SHA-256 is not the one in the manifest</translation>
    </message>
    <message>
        <source>{folder} is not an evidence folder: {manifest} or {signature} is missing or unreadable</source>
        <translation>{folder} is not an evidence folder: {manifest} or {signature} is missing or unreadable</translation>
    </message>
    <message>
        <source>{manifest} is malformed</source>
        <translation>{manifest} is malformed</translation>
    </message>
    <message>
        <source>{manifest} was changed after it was signed: {signature} does not match it</source>
        <translation>{manifest} was changed after it was signed: {signature} does not match it</translation>
    </message>
    <message>
        <source>{manifest} names a key id that is not its key&apos;s</source>
        <translation>{manifest} names a key id that is not its key&apos;s</translation>
    </message>
    <message>
        <source>the evidence is signed with {key}, not with the expected key {expected}</source>
        <translation>the evidence is signed with {key}, not with the expected key {expected}</translation>
    </message>
    <message>
        <source>chain.json is not JSON</source>
        <translation>chain.json is not JSON</translation>
    </message>
    <message>
        <source>chain.json: {problem}</source>
        <translation>chain.json: {problem}</translation>
    </message>
    <message>
        <source>payload.json is not the payload the journal sealed in chain.json</source>
        <translation>payload.json is not the payload the journal sealed in chain.json</translation>
    </message>
    <message>
        <source>the evidence key {file} cannot be read: {error}</source>
        <translation>the evidence key {file} cannot be read: {error}</translation>
    </message>
    <message>
        <source>the evidence key cannot be saved in {file}: {error}</source>
        <translation>the evidence key cannot be saved in {file}: {error}</translation>
    </message>
    <message>
        <source>{what} must be base64 text</source>
        <translation>{what} must be base64 text</translation>
    </message>
    <message>
        <source>{what} is not valid base64</source>
        <translation>{what} is not valid base64</translation>
    </message>
    <message>
        <source>{what} is {actual} bytes long; it must be {expected}</source>
        <translation>{what} is {actual} bytes long; it must be {expected}</translation>
    </message>
    <message>
        <source>{what} is not a PEM public key</source>
        <translation>{what} is not a PEM public key</translation>
    </message>
    <message>
        <source>{what} holds a key of another algorithm ({kind}); only Ed25519 keys are used</source>
        <translation>{what} holds a key of another algorithm ({kind}); only Ed25519 keys are used</translation>
    </message>
    <message>
        <source>{what} is not an unencrypted PEM private key</source>
        <translation>{what} is not an unencrypted PEM private key</translation>
    </message>
    <message>
        <source>{file} is larger than 1 MiB and is ignored</source>
        <translation>{file} is larger than 1 MiB and is ignored</translation>
    </message>
    <message>
        <source>{file} cannot be read ({error}) and is ignored</source>
        <translation>{file} cannot be read ({error}) and is ignored</translation>
    </message>
    <message>
        <source>{file} is not valid TOML ({error}) and is ignored</source>
        <translation>{file} is not valid TOML ({error}) and is ignored</translation>
    </message>
    <message>
        <source>lock on {key} refused: {why}</source>
        <translation>lock on {key} refused: {why}</translation>
    </message>
    <message>
        <source>it cannot be locked; lockable keys are {keys} and caps.providers.&lt;id&gt;.hourly|daily</source>
        <translation>it cannot be locked; lockable keys are {keys} and caps.providers.&lt;id&gt;.hourly|daily</translation>
    </message>
    <message>
        <source>write it as {{ {op} = &lt;bound&gt; }}</source>
        <translation>write it as {{ {op} = &lt;bound&gt; }}</translation>
    </message>
    <message>
        <source>{given!r} would not make the user safer; {key} can only be locked with {{ {op} = &lt;bound&gt; }}</source>
        <translation>{given!r} would not make the user safer; {key} can only be locked with {{ {op} = &lt;bound&gt; }}</translation>
    </message>
    <message>
        <source>the bound must be a whole number, {least} or more</source>
        <translation>the bound must be a whole number, {least} or more</translation>
    </message>
    <message>
        <source>a lock can only force it to {safe}, the safer side</source>
        <translation>a lock can only force it to {safe}, the safer side</translation>
    </message>
    <message>
        <source>the bound must be a non-empty list of names</source>
        <translation>the bound must be a non-empty list of names</translation>
    </message>
    <message>
        <source>unknown kinds {kinds}; kinds are ad, news, content, service</source>
        <translation>unknown kinds {kinds}; kinds are ad, news, content, service</translation>
    </message>
    <message>
        <source>the bound must be a span &quot;HH:MM-HH:MM&quot; of local time, e.g. &quot;22:00-07:00&quot;</source>
        <translation>the bound must be a span &quot;HH:MM-HH:MM&quot; of local time, e.g. &quot;22:00-07:00&quot;</translation>
    </message>
    <message>
        <source>{key} is locked ({op} {bound}) by {who}; {value} is not allowed</source>
        <translation>{key} is locked ({op} {bound}) by {who}; {value} is not allowed</translation>
    </message>
    <message>
        <source>the payload is signed with {key}, which no installed policy bundle lists; {provider} is listed with {keys}</source>
        <translation>the payload is signed with {key}, which no installed policy bundle lists; {provider} is listed with {keys}</translation>
    </message>
    <message>
        <source>the provider {provider} is not listed in any installed policy bundle, and neither is the key {key}</source>
        <translation>the provider {provider} is not listed in any installed policy bundle, and neither is the key {key}</translation>
    </message>
    <message>
        <source>the payload was altered after it was signed: its SHA-256 is not the one signed with {key}</source>
        <translation>the payload was altered after it was signed: its SHA-256 is not the one signed with {key}</translation>
    </message>
    <message>
        <source>the signature does not verify with {provider}&apos;s key {key}: the payload was altered after signing, or another key signed it</source>
        <translation>the signature does not verify with {provider}&apos;s key {key}: the payload was altered after signing, or another key signed it</translation>
    </message>
    <message>
        <source>the payload is signed with the key of {owner}, but it claims to come from {provider}</source>
        <translation>the payload is signed with the key of {owner}, but it claims to come from {provider}</translation>
    </message>
    <message>
        <source>&quot;signed&quot; must be {{&quot;payload&quot;: &quot;&lt;JSON text&gt;&quot;, &quot;signature&quot;: {{&quot;key_id&quot;: &quot;…&quot;, &quot;sig&quot;: &quot;&lt;base64&gt;&quot;}}}}</source>
        <translation>&quot;signed&quot; must be {{&quot;payload&quot;: &quot;&lt;JSON text&gt;&quot;, &quot;signature&quot;: {{&quot;key_id&quot;: &quot;…&quot;, &quot;sig&quot;: &quot;&lt;base64&gt;&quot;}}}}</translation>
    </message>
    <message>
        <source>the signed payload is not valid Unicode text</source>
        <translation>the signed payload is not valid Unicode text</translation>
    </message>
    <message>
        <source>the signed payload is {size} bytes; a popup may be at most 1 MiB</source>
        <translation>the signed payload is {size} bytes; a popup may be at most 1 MiB</translation>
    </message>
    <message>
        <source>the signed payload is not JSON</source>
        <translation>the signed payload is not JSON</translation>
    </message>
    <message>
        <source>the signed payload names no provider.id</source>
        <translation>the signed payload names no provider.id</translation>
    </message>
    <message>
        <source>{file} is not used as a trusted key: {why}</source>
        <translation>{file} is not used as a trusted key: {why}</translation>
    </message>
    <message>
        <source>the policy history {file} is damaged ({error}); no bundle can be installed until it is restored</source>
        <translation>the policy history {file} is damaged ({error}); no bundle can be installed until it is restored</translation>
    </message>
    <message>
        <source>{source} was not installed: {folder} cannot be written ({error}); machine-wide policy is installed by an administrator</source>
        <translation>{source} was not installed: {folder} cannot be written ({error}); machine-wide policy is installed by an administrator</translation>
    </message>
    <message>
        <source>{source} is refused: version {version} was installed before with other content (sha256 {old}); a changed bundle needs a higher version</source>
        <translation>{source} is refused: version {version} was installed before with other content (sha256 {old}); a changed bundle needs a higher version</translation>
    </message>
    <message>
        <source>{source} is refused: it is version {version}, older than version {newest} installed before; versions only go forward</source>
        <translation>{source} is refused: it is version {version}, older than version {newest} installed before; versions only go forward</translation>
    </message>
    <message>
        <source>{source} is refused: it holds version {version}, but the newest bundle installed is {newest}; it was replaced by hand (install the newest bundle again)</source>
        <translation>{source} is refused: it holds version {version}, but the newest bundle installed is {newest}; it was replaced by hand (install the newest bundle again)</translation>
    </message>
    <message>
        <source>a record of removed rows is malformed</source>
        <translation>a record of removed rows is malformed</translation>
    </message>
    <message>
        <source>the record of rows {first}–{last} removed is not signed with the journal&apos;s key</source>
        <translation>the record of rows {first}–{last} removed is not signed with the journal&apos;s key</translation>
    </message>
</context>
</TS>
