<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>本程序在桌面上显示各应用和网站推送的弹窗，并按照《互联网弹窗信息推送服务管理规定》逐条检查：广告必须标明「广告」并写明广告主；新闻只来自清单内的正规新闻来源，并注明来源；每条弹窗都能一键关闭，都能「举报」；同一来源、同一话题的推送次数有上限；免打扰时段、暂停和「不再接收」由您决定，推送方无法更改。不合规的弹窗不会显示。</source>
        <translation>本程序在桌面上显示各应用和网站推送的弹窗，并按照《互联网弹窗信息推送服务管理规定》逐条检查：广告必须标明「广告」并写明广告主；新闻只来自清单内的正规新闻来源，并注明来源；每条弹窗都能一键关闭，都能「举报」；同一来源、同一话题的推送次数有上限；免打扰时段、暂停和「不再接收」由您决定，推送方无法更改。不合规的弹窗不会显示。</translation>
    </message>
    <message>
        <source>所有来源合计每小时最多 {n} 条（广告、新闻、内容）</source>
        <translation>所有来源合计每小时最多 {n} 条（广告、新闻、内容）</translation>
    </message>
    <message>
        <source>每个来源每小时最多 {h} 条，每天最多 {d} 条</source>
        <translation>每个来源每小时最多 {h} 条，每天最多 {d} 条</translation>
    </message>
    <message>
        <source>服务消息每个来源每分钟最多 {n} 条</source>
        <translation>服务消息每个来源每分钟最多 {n} 条</translation>
    </message>
    <message>
        <source>{p}：每小时最多 {h} 条，每天最多 {d} 条</source>
        <translation>{p}：每小时最多 {h} 条，每天最多 {d} 条</translation>
    </message>
    <message>
        <source>同一话题 {w} 小时内最多 {n} 条</source>
        <translation>同一话题 {w} 小时内最多 {n} 条</translation>
    </message>
    <message>
        <source>免打扰时段：{q}</source>
        <translation>免打扰时段：{q}</translation>
    </message>
    <message>
        <source>未设免打扰时段</source>
        <translation>未设免打扰时段</translation>
    </message>
    <message>
        <source>已暂停至 {t}</source>
        <translation>已暂停至 {t}</translation>
    </message>
    <message>
        <source>未成年人模式：已开启</source>
        <translation>未成年人模式：已开启</translation>
    </message>
    <message>
        <source>未成年人模式：未开启</source>
        <translation>未成年人模式：未开启</translation>
    </message>
    <message>
        <source>不接收的类型：</source>
        <translation>不接收的类型：</translation>
    </message>
    <message>
        <source>、</source>
        <translation>、</translation>
    </message>
    <message>
        <source>不接收的来源：</source>
        <translation>不接收的来源：</translation>
    </message>
    <message>
        <source>服务说明</source>
        <translation>服务说明</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>无法读取推送记录：</source>
        <translation>无法读取推送记录：</translation>
    </message>
    <message>
        <source>本程序做什么</source>
        <translation>本程序做什么</translation>
    </message>
    <message>
        <source>您当前的设置</source>
        <translation>您当前的设置</translation>
    </message>
    <message>
        <source>数据存放在哪里</source>
        <translation>数据存放在哪里</translation>
    </message>
    <message>
        <source>偏好设置</source>
        <translation>偏好设置</translation>
    </message>
    <message>
        <source>推送记录</source>
        <translation>推送记录</translation>
    </message>
    <message>
        <source>仅在内存中，退出后不保留</source>
        <translation>仅在内存中，退出后不保留</translation>
    </message>
    <message>
        <source>新闻来源清单</source>
        <translation>新闻来源清单</translation>
    </message>
    <message>
        <source>版本 {v}，共 {n} 个来源
{path}</source>
        <translation>版本 {v}，共 {n} 个来源
{path}</translation>
    </message>
    <message>
        <source>这些数据只保存在本机。本程序不会把任何内容发送到任何地方。</source>
        <translation>这些数据只保存在本机。本程序不会把任何内容发送到任何地方。</translation>
    </message>
    <message>
        <source>推送来源</source>
        <translation>推送来源</translation>
    </message>
    <message>
        <source>取消接收某个来源：点「不再接收」；也可以在它的弹窗上点「⋯」→「不再接收此来源」，或在终端运行下面的命令。</source>
        <translation>取消接收某个来源：点「不再接收」；也可以在它的弹窗上点「⋯」→「不再接收此来源」，或在终端运行下面的命令。</translation>
    </message>
    <message>
        <source>还没有来源向您推送过弹窗。</source>
        <translation>还没有来源向您推送过弹窗。</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>身份</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>已验证</source>
        <translation>已验证</translation>
    </message>
    <message>
        <source>未验证</source>
        <translation>未验证</translation>
    </message>
    <message>
        <source>{n} 条</source>
        <translation>{n} 条</translation>
    </message>
    <message>
        <source>已不再接收</source>
        <translation>已不再接收</translation>
    </message>
    <message>
        <source>不再接收</source>
        <comment>button</comment>
        <translation>不再接收</translation>
    </message>
    <message>
        <source>不再接收</source>
        <translation>不再接收</translation>
    </message>
    <message>
        <source>未能保存：</source>
        <translation>未能保存：</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>提供者</source>
        <translation>提供者</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>决定</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>传输</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>发送方</source>
        <translation>发送方</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>（无法解析）</source>
        <translation>（无法解析）</translation>
    </message>
    <message>
        <source>（未知）</source>
        <translation>（未知）</translation>
    </message>
    <message>
        <source>回执 #{id} · {time} · {decision}</source>
        <translation>回执 #{id} · {time} · {decision}</translation>
    </message>
    <message>
        <source>提供者：{name}（{id}），{verified}</source>
        <translation>提供者：{name}（{id}），{verified}</translation>
    </message>
    <message>
        <source>类型：{kind}&#x3000;弹窗 ID：{pid}&#x3000;话题：{topic}</source>
        <translation>类型：{kind}&#x3000;弹窗 ID：{pid}&#x3000;话题：{topic}</translation>
    </message>
    <message>
        <source>传输：{t}&#x3000;发送方：{s}</source>
        <translation>传输：{t}&#x3000;发送方：{s}</translation>
    </message>
    <message>
        <source>规则：</source>
        <translation>规则：</translation>
    </message>
    <message>
        <source>原因：</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>错误：</source>
        <translation>错误：</translation>
    </message>
    <message>
        <source>事件：</source>
        <translation>事件：</translation>
    </message>
    <message>
        <source>收到的内容（图片以摘要代替）：</source>
        <translation>收到的内容（图片以摘要代替）：</translation>
    </message>
    <message>
        <source>全部提供者</source>
        <translation>全部提供者</translation>
    </message>
    <message>
        <source>全部决定</source>
        <translation>全部决定</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>搜索标题、提供者、规则、原因…</source>
        <translation>搜索标题、提供者、规则、原因…</translation>
    </message>
    <message>
        <source>选择一行，查看原因和收到的内容。</source>
        <translation>选择一行，查看原因和收到的内容。</translation>
    </message>
    <message>
        <source>加载更多</source>
        <translation>加载更多</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>无法读取记录：</source>
        <translation>无法读取记录：</translation>
    </message>
    <message>
        <source>{name}（{id}）</source>
        <translation>{name}（{id}）</translation>
    </message>
    <message>
        <source>已载入最近 {loaded} 条，显示 {shown} 条</source>
        <translation>已载入最近 {loaded} 条，显示 {shown} 条</translation>
    </message>
    <message>
        <source>关闭</source>
        <comment>tooltip</comment>
        <translation>关闭</translation>
    </message>
    <message>
        <source>举报</source>
        <translation>举报</translation>
    </message>
    <message>
        <source>查看详情</source>
        <translation>查看详情</translation>
    </message>
    <message>
        <source>来源：</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>此来源的身份未经验证</source>
        <translation>此来源的身份未经验证</translation>
    </message>
    <message>
        <source>为什么看到此广告</source>
        <translation>为什么看到此广告</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>更多</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>不再接收此来源</source>
        <translation>不再接收此来源</translation>
    </message>
    <message>
        <source>减少此类推送</source>
        <translation>减少此类推送</translation>
    </message>
    <message>
        <source>广告主：</source>
        <translation>广告主：</translation>
    </message>
    <message>
        <source>付费方：</source>
        <translation>付费方：</translation>
    </message>
    <message>
        <source>推送原因：</source>
        <translation>推送原因：</translation>
    </message>
    <message>
        <source>未提供</source>
        <translation>未提供</translation>
    </message>
    <message>
        <source>广告</source>
        <comment>badge</comment>
        <translation>广告</translation>
    </message>
    <message>
        <source>{provider}：{title}</source>
        <translation>{provider}：{title}</translation>
    </message>
    <message>
        <source> 条</source>
        <translation> 条</translation>
    </message>
    <message>
        <source> 小时</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source> 秒</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>显示，并标注「未验证」</source>
        <translation>显示，并标注「未验证」</translation>
    </message>
    <message>
        <source>不显示</source>
        <translation>不显示</translation>
    </message>
    <message>
        <source>跟随系统</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>简体中文</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>例如 22:00-08:00（可跨午夜）；留空表示不设</source>
        <translation>例如 22:00-08:00（可跨午夜）；留空表示不设</translation>
    </message>
    <message>
        <source>例如 2026-11-27T18:00:00+08:00；留空表示不暂停</source>
        <translation>例如 2026-11-27T18:00:00+08:00；留空表示不暂停</translation>
    </message>
    <message>
        <source>留空表示使用内置清单</source>
        <translation>留空表示使用内置清单</translation>
    </message>
    <message>
        <source>来源 ID，例如 com.example.news</source>
        <translation>来源 ID，例如 com.example.news</translation>
    </message>
    <message>
        <source>直到关闭</source>
        <translation>直到关闭</translation>
    </message>
    <message>
        <source>开启</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>移除所选</source>
        <translation>移除所选</translation>
    </message>
    <message>
        <source>来源 ID</source>
        <translation>来源 ID</translation>
    </message>
    <message>
        <source>每小时</source>
        <translation>每小时</translation>
    </message>
    <message>
        <source>每天</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>默认</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>每小时上限</source>
        <translation>每小时上限</translation>
    </message>
    <message>
        <source>每天上限</source>
        <translation>每天上限</translation>
    </message>
    <message>
        <source>设置此来源的上限</source>
        <translation>设置此来源的上限</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>请填写来源 ID，并至少设置每小时或每天的上限。</source>
        <translation>请填写来源 ID，并至少设置每小时或每天的上限。</translation>
    </message>
    <message>
        <source>默认（{n}）</source>
        <translation>默认（{n}）</translation>
    </message>
    <message>
        <source>频次上限</source>
        <translation>频次上限</translation>
    </message>
    <message>
        <source>免打扰</source>
        <translation>免打扰</translation>
    </message>
    <message>
        <source>未成年人模式</source>
        <translation>未成年人模式</translation>
    </message>
    <message>
        <source>新闻</source>
        <translation>新闻</translation>
    </message>
    <message>
        <source>显示</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>本机接口</source>
        <translation>本机接口</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>每小时总数</source>
        <translation>每小时总数</translation>
    </message>
    <message>
        <source>每个来源每小时</source>
        <translation>每个来源每小时</translation>
    </message>
    <message>
        <source>每个来源每天</source>
        <translation>每个来源每天</translation>
    </message>
    <message>
        <source>服务消息每分钟</source>
        <translation>服务消息每分钟</translation>
    </message>
    <message>
        <source>单独设置的来源</source>
        <translation>单独设置的来源</translation>
    </message>
    <message>
        <source>同一话题最多</source>
        <translation>同一话题最多</translation>
    </message>
    <message>
        <source>话题统计时长</source>
        <translation>话题统计时长</translation>
    </message>
    <message>
        <source>不接收的类型</source>
        <translation>不接收的类型</translation>
    </message>
    <message>
        <source>不接收的来源</source>
        <translation>不接收的来源</translation>
    </message>
    <message>
        <source>未验证的来源</source>
        <translation>未验证的来源</translation>
    </message>
    <message>
        <source>免打扰时段</source>
        <translation>免打扰时段</translation>
    </message>
    <message>
        <source>暂停至</source>
        <translation>暂停至</translation>
    </message>
    <message>
        <source>新闻最长时效</source>
        <translation>新闻最长时效</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>同时显示最多</source>
        <translation>同时显示最多</translation>
    </message>
    <message>
        <source>广告显示时长</source>
        <translation>广告显示时长</translation>
    </message>
    <message>
        <source>新闻显示时长</source>
        <translation>新闻显示时长</translation>
    </message>
    <message>
        <source>内容显示时长</source>
        <translation>内容显示时长</translation>
    </message>
    <message>
        <source>服务消息显示时长</source>
        <translation>服务消息显示时长</translation>
    </message>
    <message>
        <source>空闲连接超时（秒）</source>
        <translation>空闲连接超时（秒）</translation>
    </message>
    <message>
        <source>最多同时连接</source>
        <translation>最多同时连接</translation>
    </message>
    <message>
        <source>单条请求上限（KiB）</source>
        <translation>单条请求上限（KiB）</translation>
    </message>
    <message>
        <source>未成年人模式已用家长 PIN 锁定。输入 PIN 以关闭：</source>
        <translation>未成年人模式已用家长 PIN 锁定。输入 PIN 以关闭：</translation>
    </message>
    <message>
        <source>更改会立即保存，并从下一条弹窗起生效。</source>
        <translation>更改会立即保存，并从下一条弹窗起生效。</translation>
    </message>
    <message>
        <source>重新启动本程序后生效；「广告」「关闭」在各语言中保持中文。</source>
        <translation>重新启动本程序后生效；「广告」「关闭」在各语言中保持中文。</translation>
    </message>
    <message>
        <source>设置家长 PIN…</source>
        <translation>设置家长 PIN…</translation>
    </message>
    <message>
        <source>家长 PIN</source>
        <translation>家长 PIN</translation>
    </message>
    <message>
        <source>家长 PIN 不可用：</source>
        <translation>家长 PIN 不可用：</translation>
    </message>
    <message>
        <source>已设置家长 PIN：关闭未成年人模式需要输入 PIN。</source>
        <translation>已设置家长 PIN：关闭未成年人模式需要输入 PIN。</translation>
    </message>
    <message>
        <source>未设置家长 PIN：任何人都可以关闭未成年人模式。</source>
        <translation>未设置家长 PIN：任何人都可以关闭未成年人模式。</translation>
    </message>
    <message>
        <source>输入当前的家长 PIN：</source>
        <translation>输入当前的家长 PIN：</translation>
    </message>
    <message>
        <source>当前的家长 PIN 不正确，PIN 未更改。</source>
        <translation>当前的家长 PIN 不正确，PIN 未更改。</translation>
    </message>
    <message>
        <source>新的家长 PIN（4 到 12 位数字）：</source>
        <translation>新的家长 PIN（4 到 12 位数字）：</translation>
    </message>
    <message>
        <source>再次输入新的家长 PIN：</source>
        <translation>再次输入新的家长 PIN：</translation>
    </message>
    <message>
        <source>家长 PIN 须为 4 到 12 位数字。</source>
        <translation>家长 PIN 须为 4 到 12 位数字。</translation>
    </message>
    <message>
        <source>两次输入的 PIN 不一致。</source>
        <translation>两次输入的 PIN 不一致。</translation>
    </message>
    <message>
        <source>PIN 未更改。</source>
        <translation>PIN 未更改。</translation>
    </message>
    <message>
        <source>正在使用：版本 {v}，{path}</source>
        <translation>正在使用：版本 {v}，{path}</translation>
    </message>
    <message>
        <source>选择新闻来源清单</source>
        <translation>选择新闻来源清单</translation>
    </message>
    <message>
        <source>TOML 文件 (*.toml);;所有文件 (*)</source>
        <translation>TOML 文件 (*.toml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>未保存：</source>
        <translation>未保存：</translation>
    </message>
    <message>
        <source>家长 PIN 不正确，未成年人模式保持开启。</source>
        <translation>家长 PIN 不正确，未成年人模式保持开启。</translation>
    </message>
    <message>
        <source>需要家长 PIN 才能关闭未成年人模式。</source>
        <translation>需要家长 PIN 才能关闭未成年人模式。</translation>
    </message>
    <message>
        <source>违法违规</source>
        <extracomment>The reasons offered, as recorded in the journal (untranslated; translated when shown).</extracomment>
        <translation>违法违规</translation>
    </message>
    <message>
        <source>低俗</source>
        <translation>低俗</translation>
    </message>
    <message>
        <source>广告未标明</source>
        <translation>广告未标明</translation>
    </message>
    <message>
        <source>无法关闭</source>
        <translation>无法关闭</translation>
    </message>
    <message>
        <source>频次过高</source>
        <translation>频次过高</translation>
    </message>
    <message>
        <source>虚假信息</source>
        <translation>虚假信息</translation>
    </message>
    <message>
        <source>未知来源</source>
        <translation>未知来源</translation>
    </message>
    <message>
        <source>（无标题）</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>举报这条弹窗</source>
        <translation>举报这条弹窗</translation>
    </message>
    <message>
        <source>举报弹窗</source>
        <translation>举报弹窗</translation>
    </message>
    <message>
        <source>补充说明（选择「其他」时必填）</source>
        <translation>补充说明（选择「其他」时必填）</translation>
    </message>
    <message>
        <source>向提供者投诉</source>
        <translation>向提供者投诉</translation>
    </message>
    <message>
        <source>举报只记录在本机，不会发送到任何地方。</source>
        <translation>举报只记录在本机，不会发送到任何地方。</translation>
    </message>
    <message>
        <source>提交</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>举报对象</source>
        <translation>举报对象</translation>
    </message>
    <message>
        <source>{popup}（{time}）</source>
        <translation>{popup}（{time}）</translation>
    </message>
    <message>
        <source>其他（不针对某条弹窗）</source>
        <translation>其他（不针对某条弹窗）</translation>
    </message>
    <message>
        <source>举报原因</source>
        <translation>举报原因</translation>
    </message>
    <message>
        <source>请选择举报原因。</source>
        <translation>请选择举报原因。</translation>
    </message>
    <message>
        <source>选择「其他」时，请写明举报原因。</source>
        <translation>选择「其他」时，请写明举报原因。</translation>
    </message>
    <message>
        <source>举报未能记录：</source>
        <translation>举报未能记录：</translation>
    </message>
    <message>
        <source>已记录，举报编号 #{n}。可凭此编号向提供者或有关部门反映。</source>
        <translation>已记录，举报编号 #{n}。可凭此编号向提供者或有关部门反映。</translation>
    </message>
    <message>
        <source>不再接收此来源（{p}）</source>
        <translation>不再接收此来源（{p}）</translation>
    </message>
    <message>
        <source>不再接收 {provider} 的推送</source>
        <extracomment>Space between the screen edge and the stack, and between popups (logical px). Popups that may wait for a place on screen; beyond that the oldest expires unseen. A popup was put on screen (receipt id). A popup left the screen (receipt id, how). The user pressed 「举报」 on a popup (receipt id); the app opens the report dialog. The user changed a preference from a popup&apos;s menu (a sentence saying what changed).</extracomment>
        <translation>不再接收 {provider} 的推送</translation>
    </message>
    <message>
        <source>已减少 {provider} 的推送：每小时最多 {hourly} 条，每天最多 {daily} 条</source>
        <translation>已减少 {provider} 的推送：每小时最多 {hourly} 条，每天最多 {daily} 条</translation>
    </message>
    <message>
        <source>popup-client 弹窗管理</source>
        <translation>popup-client 弹窗管理</translation>
    </message>
    <message>
        <source>popup-client：已暂停推送</source>
        <translation>popup-client：已暂停推送</translation>
    </message>
    <message>
        <source>暂停推送</source>
        <translation>暂停推送</translation>
    </message>
    <message>
        <source>暂停 1 小时</source>
        <translation>暂停 1 小时</translation>
    </message>
    <message>
        <source>暂停到明天</source>
        <translation>暂停到明天</translation>
    </message>
    <message>
        <source>恢复推送</source>
        <translation>恢复推送</translation>
    </message>
    <message>
        <source>偏好设置…</source>
        <translation>偏好设置…</translation>
    </message>
    <message>
        <source>推送记录…</source>
        <translation>推送记录…</translation>
    </message>
    <message>
        <source>投诉举报…</source>
        <translation>投诉举报…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>广告</source>
        <translation>广告</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>服务</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>显示</source>
        <comment>decision</comment>
        <translation>显示</translation>
    </message>
    <message>
        <source>已屏蔽</source>
        <comment>decision</comment>
        <translation>已屏蔽</translation>
    </message>
    <message>
        <source>已拒绝</source>
        <comment>decision</comment>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>关闭按钮</source>
        <translation>关闭按钮</translation>
    </message>
    <message>
        <source>Esc 键</source>
        <translation>Esc 键</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>程序关闭</source>
        <translation>程序关闭</translation>
    </message>
    <message>
        <source>被替换</source>
        <translation>被替换</translation>
    </message>
    <message>
        <source>已显示</source>
        <translation>已显示</translation>
    </message>
    <message>
        <source>关闭（{how}）</source>
        <translation>关闭（{how}）</translation>
    </message>
    <message>
        <source>举报 #{n}</source>
        <translation>举报 #{n}</translation>
    </message>
    <message>
        <source>操作：{a}</source>
        <translation>操作：{a}</translation>
    </message>
</context>
</TS>
