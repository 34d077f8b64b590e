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
        <source>{provider}（{marks}）：{title}</source>
        <translation>{provider}（{marks}）：{title}</translation>
    </message>
    <message>
        <source>{name}。{body}</source>
        <translation>{name}。{body}</translation>
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
        <source>（已清除，仍计入频率上限）</source>
        <translation>（已清除，仍计入频率上限）</translation>
    </message>
    <message>
        <source>（未保留文字）</source>
        <translation>（未保留文字）</translation>
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
        <source>文字未保留（见偏好设置的「隐私」）：{length} 个字符，指纹 {fingerprint}</source>
        <translation>文字未保留（见偏好设置的「隐私」）：{length} 个字符，指纹 {fingerprint}</translation>
    </message>
    <message>
        <source>已清除：只留下提供者、类型、话题和时间，用于频率上限，一天后删除。</source>
        <translation>已清除：只留下提供者、类型、话题和时间，用于频率上限，一天后删除。</translation>
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
        <source>清除记录…</source>
        <translation>清除记录…</translation>
    </message>
    <message>
        <source>无法读取记录：</source>
        <translation>无法读取记录：</translation>
    </message>
    <message>
        <source>提供者 {id} 的记录</source>
        <translation>提供者 {id} 的记录</translation>
    </message>
    <message>
        <source>全部记录</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>清除{scope}？将删除 {deleted} 条记录和 {complaints} 条举报，无法恢复。</source>
        <translation>清除{scope}？将删除 {deleted} 条记录和 {complaints} 条举报，无法恢复。</translation>
    </message>
    <message>
        <source>最近一天显示过的 {n} 条只留下提供者、类型、话题和时间，不含文字，让频率上限仍然正确；满一天后自动删除。</source>
        <translation>最近一天显示过的 {n} 条只留下提供者、类型、话题和时间，不含文字，让频率上限仍然正确；满一天后自动删除。</translation>
    </message>
    <message>
        <source>清除记录</source>
        <translation>清除记录</translation>
    </message>
    <message>
        <source>无法清除记录：</source>
        <translation>无法清除记录：</translation>
    </message>
    <message>
        <source>已删除 {deleted} 条记录和 {complaints} 条举报。</source>
        <translation>已删除 {deleted} 条记录和 {complaints} 条举报。</translation>
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
        <source>全文</source>
        <translation>全文</translation>
    </message>
    <message>
        <source>在历史记录中查看全文</source>
        <translation>在历史记录中查看全文</translation>
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
        <source>新闻</source>
        <translation>新闻</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>其他</translation>
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
        <source>隐私说明…</source>
        <translation>隐私说明…</translation>
    </message>
    <message>
        <source>记录里保存什么、保存多久、保存在哪里，以及如何删除。</source>
        <translation>记录里保存什么、保存多久、保存在哪里，以及如何删除。</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>隐私：记录保存什么</source>
        <translation>隐私：记录保存什么</translation>
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
        <source>清单无法使用，暂不接受任何新闻来源：{path}</source>
        <translation>清单无法使用，暂不接受任何新闻来源：{path}</translation>
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
        <source>已由 {who} 锁定（{op} {bound}）。偏好文件中原有的设置 {own} 仍保留，锁定解除后恢复生效。</source>
        <translation>已由 {who} 锁定（{op} {bound}）。偏好文件中原有的设置 {own} 仍保留，锁定解除后恢复生效。</translation>
    </message>
    <message>
        <source>未保存：</source>
        <translation>未保存：</translation>
    </message>
    <message>
        <source>未保存：此项已在别处被更改，现在显示的是更改后的值。</source>
        <translation>未保存：此项已在别处被更改，现在显示的是更改后的值。</translation>
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
    <message>
        <source>找不到这份说明。它在源代码的 docs/ 文件夹中。</source>
        <translation>找不到这份说明。它在源代码的 docs/ 文件夹中。</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>{path}: {message} [{rule}]</source>
        <translation>{path}：{message} [{rule}]</translation>
    </message>
    <message>
        <source>(payload)</source>
        <translation>（整体）</translation>
    </message>
    <message>
        <source>invalid payload:
  {problems}</source>
        <translation>推送内容无效：
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
        <translation>家长 PIN 需要系统密钥环（Secret Service、macOS 钥匙串或 Windows 凭据管理器），但本机没有可用的密钥环：{cause}。未成年人模式仍然有效，但无法用 PIN 锁定。</translation>
    </message>
    <message>
        <source>A guardian PIN is 4 to 12 digits (0-9), e.g. 2468.</source>
        <translation>家长 PIN 须为 4 到 12 位数字（0-9），例如 2468。</translation>
    </message>
    <message>
        <source>A guardian PIN is already set. Enter the current PIN to change it.</source>
        <translation>已设置家长 PIN。请先输入当前 PIN 再更改。</translation>
    </message>
    <message>
        <source>A guardian PIN is already set and the current PIN is wrong; the PIN was not changed.</source>
        <translation>已设置家长 PIN，且输入的当前 PIN 不正确；PIN 未更改。</translation>
    </message>
    <message>
        <source>The guardian PIN could not be saved in the system keyring: {error}</source>
        <translation>无法将家长 PIN 保存到系统密钥环：{error}</translation>
    </message>
    <message>
        <source>Wrong guardian PIN; the PIN was not removed.</source>
        <translation>家长 PIN 不正确，PIN 未删除。</translation>
    </message>
    <message>
        <source>The guardian PIN could not be removed from the system keyring: {error}</source>
        <translation>无法从系统密钥环删除家长 PIN：{error}</translation>
    </message>
    <message>
        <source>no keyring backend is installed or running</source>
        <translation>未安装或未运行任何密钥环服务</translation>
    </message>
    <message>
        <source>Minors mode is locked with a guardian PIN; enter the PIN to turn it off.</source>
        <translation>未成年人模式已用家长 PIN 锁定，输入 PIN 才能关闭。</translation>
    </message>
    <message>
        <source>Wrong guardian PIN; minors mode stays on.</source>
        <translation>家长 PIN 不正确，未成年人模式保持开启。</translation>
    </message>
    <message>
        <source>is larger than {kib} KiB once decoded; send a smaller image</source>
        <translation>解码后超过 {kib} KiB，请发送更小的图片</translation>
    </message>
    <message>
        <source>must be a data: URI with base64 content, e.g. data:image/png;base64,…</source>
        <translation>必须是 base64 编码的 data: URI，例如 data:image/png;base64,…</translation>
    </message>
    <message>
        <source>has invalid base64 content</source>
        <translation>base64 内容无效</translation>
    </message>
    <message>
        <source>is neither PNG nor JPEG (checked from its bytes, not its MIME type)</source>
        <translation>既不是 PNG 也不是 JPEG（按文件内容判断，而非 MIME 类型）</translation>
    </message>
    <message>
        <source>is a truncated PNG: its IHDR header is missing</source>
        <translation>PNG 文件不完整：缺少 IHDR 头</translation>
    </message>
    <message>
        <source>is a corrupt JPEG: bad marker</source>
        <translation>JPEG 文件已损坏：标记无效</translation>
    </message>
    <message>
        <source>is a corrupt JPEG: bad segment length</source>
        <translation>JPEG 文件已损坏：段长度无效</translation>
    </message>
    <message>
        <source>is a truncated JPEG: no frame header with its size</source>
        <translation>JPEG 文件不完整：找不到含尺寸的帧头</translation>
    </message>
    <message>
        <source>is labelled {mime} but its bytes are {format}; label it {right}</source>
        <translation>标注为 {mime}，实际内容却是 {format}；请标注为 {right}</translation>
    </message>
    <message>
        <source>declares an empty (0-pixel) size</source>
        <extracomment>The Pillow plugin of each format :func:`~popup_client.core.images.sniff_size` tells from the signature. What ``Image.open`` takes for &quot;this plugin cannot identify the file&quot;.</extracomment>
        <translation>声明的尺寸为空（0 像素）</translation>
    </message>
    <message>
        <source>is {width} × {height} px; the limit is {side} × {side} px</source>
        <translation>尺寸为 {width} × {height} 像素，上限为 {side} × {side} 像素</translation>
    </message>
    <message>
        <source>{file}: every [[source]] needs a non-empty name</source>
        <extracomment>The version of the empty list that stands in for an unusable one.</extracomment>
        <translation>{file}：每个 [[source]] 都必须有名称</translation>
    </message>
    <message>
        <source>{file}: aliases and domains must be lists of strings</source>
        <translation>{file}：aliases 和 domains 必须是字符串列表</translation>
    </message>
    <message>
        <source>cannot read the news-source list {file}: {error}</source>
        <translation>无法读取新闻来源清单 {file}：{error}</translation>
    </message>
    <message>
        <source>the news-source list {file} is not valid TOML: {error}</source>
        <translation>新闻来源清单 {file} 不是有效的 TOML：{error}</translation>
    </message>
    <message>
        <source>{file}: unsupported format {format}; expected format = 1</source>
        <translation>{file}：不支持的格式 {format}，应为 format = 1</translation>
    </message>
    <message>
        <source>{file}: needs a version string, e.g. version = &quot;2026-11-01&quot;</source>
        <translation>{file}：缺少版本字符串，例如 version = &quot;2026-11-01&quot;</translation>
    </message>
    <message>
        <source>{error}; no news source is accepted until it is fixed</source>
        <translation>{error}；修复之前不接受任何新闻来源</translation>
    </message>
    <message>
        <source>is {length} characters; the limit is {limit}</source>
        <translation>长 {length} 个字符，上限为 {limit}</translation>
    </message>
    <message>
        <source>is empty after removing control and invisible characters; give a visible {what}</source>
        <translation>去除控制字符和不可见字符后为空，请提供可见的{what}</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>must be a lower-case reverse-DNS id with at least two labels, ≤ 255 characters, e.g. com.example.news</source>
        <translation>必须是小写的反向域名 ID，至少两段，不超过 255 个字符，例如 com.example.news</translation>
    </message>
    <message>
        <source>must be the integer 1, not a boolean</source>
        <translation>必须是整数 1，不能是布尔值</translation>
    </message>
    <message>
        <source>must be a bare lower-case host name such as example.com, with no scheme or path; give an internationalized domain in its xn-- (punycode) form</source>
        <translation>必须是不带协议和路径的小写主机名，例如 example.com；国际化域名请使用 xn--（punycode）形式</translation>
    </message>
    <message>
        <source>contains an unpaired surrogate (a lone \ud800–\udfff escape); send valid Unicode</source>
        <translation>含有未配对的代理项（单独的 \ud800–\udfff 转义）；请发送有效的 Unicode</translation>
    </message>
    <message>
        <source>must be 1–128 characters of A-Z a-z 0-9 . _ : -</source>
        <extracomment>Problems listed one by one in a PayloadError; the rest are summarised. The wire form of :class:`~popup_client.core.vocabulary.Kind`, as strict validation and the JSON Schema take it.</extracomment>
        <translation>必须是 1–128 个字符，只能使用 A-Z a-z 0-9 . _ : -</translation>
    </message>
    <message>
        <source>{name} is not valid JSON</source>
        <translation>{name} 不是有效的 JSON</translation>
    </message>
    <message>
        <source>the payload is {size} bytes; the limit is {limit} bytes (1 MiB), images included</source>
        <translation>推送内容有 {size} 字节，上限为 {limit} 字节（1 MiB，含图片）</translation>
    </message>
    <message>
        <source>the payload is not valid UTF-8 (byte {byte}); send UTF-8 JSON</source>
        <translation>推送内容不是有效的 UTF-8（第 {byte} 字节）；请发送 UTF-8 编码的 JSON</translation>
    </message>
    <message>
        <source>the key {key!r} appears twice in one object; send each key once</source>
        <translation>同一对象中键 {key!r} 出现了两次；每个键只能出现一次</translation>
    </message>
    <message>
        <source>the JSON is nested too deeply; a payload is at most a few levels deep</source>
        <translation>JSON 嵌套过深；推送内容最多只有几层</translation>
    </message>
    <message>
        <source>the payload is not valid JSON: {error}</source>
        <translation>推送内容不是有效的 JSON：{error}</translation>
    </message>
    <message>
        <source>the payload must be a JSON object</source>
        <translation>推送内容必须是 JSON 对象</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>必须是对象</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>必须填写</translation>
    </message>
    <message>
        <source>is not a field of payload version 1; remove it (a payload cannot control presentation)</source>
        <translation>不是第 1 版推送内容的字段，请删除（推送内容不能控制显示方式）</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>必须是字符串</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>必须是 true 或 false</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>必须是列表</translation>
    </message>
    <message>
        <source>input should be a valid string, unable to parse raw data as a unicode string</source>
        <translation>输入值应为字符串，原始数据无法解析为 Unicode 字符串</translation>
    </message>
    <message>
        <source>unable to parse input string as an integer, exceeded maximum size</source>
        <translation>无法将输入的字符串解析为整数，超出了最大长度</translation>
    </message>
    <message>
        <source>must be {expected}</source>
        <translation>必须是 {expected}</translation>
    </message>
    <message>
        <source>is too long; the limit is {limit}</source>
        <translation>过长，上限为 {limit}</translation>
    </message>
    <message>
        <source>… and {count} more problem(s), not listed</source>
        <translation>……另有 {count} 个问题未列出</translation>
    </message>
    <message>
        <source>{value!r} is not a provider id; provider ids look like com.example.news</source>
        <translation>{value!r} 不是提供者 ID；提供者 ID 形如 com.example.news</translation>
    </message>
    <message>
        <source>must be &quot;HH:MM-HH:MM&quot; in local time, e.g. &quot;22:00-08:00&quot;, or &quot;&quot; for none</source>
        <translation>必须是本地时间 &quot;HH:MM-HH:MM&quot;，例如 &quot;22:00-08:00&quot;；不设则填 &quot;&quot;</translation>
    </message>
    <message>
        <source>has an impossible time; hours go from 00 to 23 and minutes from 00 to 59</source>
        <translation>时间不存在；小时为 00 到 23，分钟为 00 到 59</translation>
    </message>
    <message>
        <source>starts and ends at the same time; use &quot;&quot; for no quiet hours</source>
        <translation>开始和结束时间相同；不设免打扰时段请填 &quot;&quot;</translation>
    </message>
    <message>
        <source>Popups this provider may show per hour, instead of caps.provider_hourly.</source>
        <translation>此提供者每小时最多显示的弹窗数，代替 caps.provider_hourly。</translation>
    </message>
    <message>
        <source>Popups this provider may show in 24 hours, instead of caps.provider_daily.</source>
        <translation>此提供者 24 小时内最多显示的弹窗数，代替 caps.provider_daily。</translation>
    </message>
    <message>
        <source>Total per hour</source>
        <translation>每小时总数</translation>
    </message>
    <message>
        <source>Ad, news and content popups shown per hour, all providers together.</source>
        <translation>所有提供者合计每小时最多显示的广告、新闻和内容弹窗数。</translation>
    </message>
    <message>
        <source>Per provider per hour</source>
        <translation>每个来源每小时</translation>
    </message>
    <message>
        <source>Ad, news and content popups one provider may show per hour.</source>
        <translation>每个提供者每小时最多显示的广告、新闻和内容弹窗数。</translation>
    </message>
    <message>
        <source>Per provider per day</source>
        <translation>每个来源每天</translation>
    </message>
    <message>
        <source>Ad, news and content popups one provider may show in 24 hours.</source>
        <translation>每个提供者 24 小时内最多显示的广告、新闻和内容弹窗数。</translation>
    </message>
    <message>
        <source>Service messages per minute</source>
        <translation>服务消息每分钟</translation>
    </message>
    <message>
        <source>Service popups (chat, system messages) one provider may show per minute.</source>
        <translation>每个提供者每分钟最多显示的服务弹窗（聊天、系统消息）数。</translation>
    </message>
    <message>
        <source>Provider overrides</source>
        <translation>单独设置的来源</translation>
    </message>
    <message>
        <source>Caps for single providers, lower or higher than the general ones (set them as caps.providers.&lt;provider id&gt;.hourly or .daily).</source>
        <translation>为个别提供者单独设置的频次上限，可低于或高于通用上限（设置项为 caps.providers.&lt;提供者 ID&gt;.hourly 或 .daily）。</translation>
    </message>
    <message>
        <source>Blocked kinds</source>
        <translation>不接收的类型</translation>
    </message>
    <message>
        <source>Kinds of popup never shown.</source>
        <translation>不再显示的弹窗类型。</translation>
    </message>
    <message>
        <source>Blocked providers</source>
        <translation>不接收的来源</translation>
    </message>
    <message>
        <source>Provider ID, e.g. com.example.news</source>
        <translation>来源 ID，例如 com.example.news</translation>
    </message>
    <message>
        <source>Providers whose popups are never shown.</source>
        <translation>不再显示其弹窗的提供者。</translation>
    </message>
    <message>
        <source>Ad display time</source>
        <translation>广告显示时长</translation>
    </message>
    <message>
        <source>Seconds an ad stays on screen; 0 = until closed.</source>
        <translation>广告在屏幕上停留的秒数；0 表示直到关闭。</translation>
    </message>
    <message>
        <source>News display time</source>
        <translation>新闻显示时长</translation>
    </message>
    <message>
        <source>Seconds a news popup stays on screen; 0 = until closed.</source>
        <translation>新闻弹窗在屏幕上停留的秒数；0 表示直到关闭。</translation>
    </message>
    <message>
        <source>Content display time</source>
        <translation>内容显示时长</translation>
    </message>
    <message>
        <source>Seconds a content popup stays on screen; 0 = until closed.</source>
        <translation>内容弹窗在屏幕上停留的秒数；0 表示直到关闭。</translation>
    </message>
    <message>
        <source>Service display time</source>
        <translation>服务消息显示时长</translation>
    </message>
    <message>
        <source>Seconds a service popup stays on screen; 0 = until closed.</source>
        <translation>服务弹窗在屏幕上停留的秒数；0 表示直到关闭。</translation>
    </message>
    <message>
        <source>Idle connection timeout (s)</source>
        <translation>空闲连接超时（秒）</translation>
    </message>
    <message>
        <source>A connection that sends nothing for this many seconds is closed.</source>
        <translation>连接空闲超过此秒数即被关闭。</translation>
    </message>
    <message>
        <source>Max connections</source>
        <translation>最多同时连接</translation>
    </message>
    <message>
        <source>Connections open at once; more are refused.</source>
        <translation>可同时打开的连接数；超出的连接会被拒绝。</translation>
    </message>
    <message>
        <source>Max request size (KiB)</source>
        <translation>单条请求上限（KiB）</translation>
    </message>
    <message>
        <source>Longest request line in KiB (a popup may be 1 MiB); longer lines are refused without being read whole.</source>
        <translation>单条请求的最大长度，单位 KiB（一条弹窗最大 1 MiB）；更长的请求不会被完整读取，直接拒绝。</translation>
    </message>
    <message>
        <source>Display method</source>
        <translation>显示方式</translation>
    </message>
    <message>
        <source>How popups are put on screen: auto (chosen from the session: layer-shell on sway and KDE, xwayland on GNOME, x11 on X11), layer-shell, xwayland, x11 or window (plain windows).</source>
        <translation>弹窗的显示方式：auto（按桌面会话选择：sway 和 KDE 用 layer-shell，GNOME 用 xwayland，X11 用 x11）、layer-shell、xwayland、x11 或 window（普通窗口）。</translation>
    </message>
    <message>
        <source>Corner</source>
        <translation>弹窗位置</translation>
    </message>
    <message>
        <source>Corner the popups stack from: auto (top-right; bottom-right on Windows), top-right, top-left, bottom-right or bottom-left.</source>
        <translation>弹窗从哪个角开始排列：auto（右上角；Windows 上为右下角）、top-right、top-left、bottom-right 或 bottom-left。</translation>
    </message>
    <message>
        <source>Gap to the screen edges</source>
        <translation>与屏幕边缘的间距</translation>
    </message>
    <message>
        <source>Gap in px between the popups and the edges of the area panels and bars leave free.</source>
        <translation>弹窗与可用区域（面板和状态栏以外的区域）边缘之间的间距，单位为像素。</translation>
    </message>
    <message>
        <source>Gap when panels are unknown</source>
        <translation>未知面板时的间距</translation>
    </message>
    <message>
        <source>Gap in px from the screen&apos;s edges where the window system does not say where panels are (raise it if a panel covers popups).</source>
        <translation>窗口系统未告知面板位置时，弹窗与屏幕边缘之间的间距，单位为像素（如果面板挡住了弹窗，请调大）。</translation>
    </message>
    <message>
        <source>Keep the text of service messages</source>
        <translation>保存服务消息的文字</translation>
    </message>
    <message>
        <source>Keep the title and body of service popups (chat, mail, login codes: every desktop notification) in the history; off = only who sent it, when, what was decided, and a fingerprint and length of the text.</source>
        <translation>在记录中保存服务弹窗（聊天、邮件、登录验证码：所有桌面通知）的标题和正文；关闭时只保存发送方、时间、决定，以及文字的指纹和长度。</translation>
    </message>
    <message>
        <source>Keep service messages for</source>
        <translation>服务消息保存</translation>
    </message>
    <message>
        <source>Days the history keeps service popups (and payloads that did not parse).</source>
        <translation>记录保存服务弹窗（以及无法解析的内容）的天数。</translation>
    </message>
    <message>
        <source>Keep ads, news and content for</source>
        <translation>广告、新闻和内容保存</translation>
    </message>
    <message>
        <source>Days the history keeps ad, news and content popups; complaints and the popups they cite are kept until you delete them.</source>
        <translation>记录保存广告、新闻和内容弹窗的天数；举报及其涉及的弹窗一直保存，直到你删除。</translation>
    </message>
    <message>
        <source>What the history keeps, and for how long (docs/privacy.md).</source>
        <translation>记录保存什么、保存多久（docs/privacy.md）。</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>日间</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>夜间</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <source>Colours of popups: auto (the system&apos;s: light or dark, high contrast when the system asks for more contrast), light, dark or high-contrast (black on white or white on black, after the system&apos;s scheme).</source>
        <translation>弹窗的主题：auto（跟随系统：日间或夜间，系统要求更高对比度时用高对比度）、light（日间）、dark（夜间）或 high-contrast（高对比度，日间或夜间按系统而定）。</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>文字大小</translation>
    </message>
    <message>
        <source>Larger text shows fewer lines; the Full text button opens the rest.</source>
        <translation>文字大时显示的行数少一些；「全文」按钮可查看其余内容。</translation>
    </message>
    <message>
        <source>Text size of popups in percent (100-200), multiplied by the system&apos;s font scale (up to 200 % in all); larger text shows fewer lines, and a button opens the full text.</source>
        <translation>弹窗文字的大小（100–200 %），再按系统字体的放大比例放大（合计最多 200 %）；文字大时显示的行数少一些，可用「全文」按钮查看其余内容。</translation>
    </message>
    <message>
        <source>Reduce motion</source>
        <translation>减少动态效果</translation>
    </message>
    <message>
        <source>No animations at all: true, or false to follow the system (no animation when it asks for none).</source>
        <translation>完全不使用动效：true；false 则跟随系统（系统要求不使用动效时即不使用）。</translation>
    </message>
    <message>
        <source>How many popups may be shown.</source>
        <translation>最多可以显示多少弹窗。</translation>
    </message>
    <message>
        <source>Kinds and providers never shown.</source>
        <translation>不再显示的类型和提供者。</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>免打扰时段</translation>
    </message>
    <message>
        <source>e.g. 22:00-08:00 (may cross midnight); empty for none</source>
        <translation>例如 22:00-08:00（可跨午夜）；留空表示不设</translation>
    </message>
    <message>
        <source>Local time span with no popups, e.g. &quot;22:00-08:00&quot; (may cross midnight); empty = none.</source>
        <translation>不显示弹窗的本地时间段，例如 &quot;22:00-08:00&quot;（可跨午夜）；留空表示不设。</translation>
    </message>
    <message>
        <source>Paused until</source>
        <translation>暂停至</translation>
    </message>
    <message>
        <source>e.g. 2026-11-27T18:00:00+08:00; empty for not paused</source>
        <translation>例如 2026-11-27T18:00:00+08:00；留空表示不暂停</translation>
    </message>
    <message>
        <source>No popups until this time (RFC 3339 with offset); empty = not paused.</source>
        <translation>在此时间之前不显示弹窗（RFC 3339 格式，含时区偏移）；留空表示不暂停。</translation>
    </message>
    <message>
        <source>Minors mode</source>
        <translation>未成年人模式</translation>
    </message>
    <message>
        <source>Minor protection: no ads, nothing personalized, only listed news sources (can be locked with a guardian PIN).</source>
        <translation>未成年人保护：不显示广告和个性化内容，新闻只来自清单内的来源（可用家长 PIN 锁定）。</translation>
    </message>
    <message>
        <source>Same topic, at most</source>
        <translation>同一话题最多</translation>
    </message>
    <message>
        <source>Popups shown on one topic of one provider within the topic window.</source>
        <translation>同一提供者的同一话题在话题统计时长内最多显示的弹窗数。</translation>
    </message>
    <message>
        <source>Topic window</source>
        <translation>话题统计时长</translation>
    </message>
    <message>
        <source>Hours over which popups on the same topic are counted.</source>
        <translation>统计同一话题弹窗数的时长（小时）。</translation>
    </message>
    <message>
        <source>Maximum news age</source>
        <translation>新闻最长时效</translation>
    </message>
    <message>
        <source>News older than this many hours is not shown.</source>
        <translation>发布超过此小时数的新闻不再显示。</translation>
    </message>
    <message>
        <source>News source list</source>
        <translation>新闻来源清单</translation>
    </message>
    <message>
        <source>Empty: the built-in list</source>
        <translation>留空表示使用内置清单</translation>
    </message>
    <message>
        <source>A news-source list file that replaces the shipped one; empty = the shipped list.</source>
        <translation>代替内置清单的新闻来源清单文件；留空表示使用内置清单。</translation>
    </message>
    <message>
        <source>Unverified providers</source>
        <translation>未验证的来源</translation>
    </message>
    <message>
        <source>Show, marked &quot;Unverified&quot;</source>
        <translation>显示，并标注「未验证」</translation>
    </message>
    <message>
        <source>Don&apos;t show</source>
        <translation>不显示</translation>
    </message>
    <message>
        <source>Popups from unverified providers: show (marked as unverified) or reject.</source>
        <translation>来自未验证提供者的弹窗：show（显示并标注「未验证」）或 reject（不显示）。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Applies from the next start; 广告 (ad) and 关闭 (close) stay Chinese in every language.</source>
        <translation>重新启动本程序后生效；「广告」「关闭」在各语言中保持中文。</translation>
    </message>
    <message>
        <source>Language of the app&apos;s own text: auto (the system&apos;s: Chinese locales get zh_CN, others en), zh_CN or en; 「广告」 and 「关闭」 stay Chinese in every language. Takes effect at the next start.</source>
        <translation>本程序界面文字的语言：auto（跟随系统：中文区域用 zh_CN，其他用 en）、zh_CN 或 en；「广告」和「关闭」在各语言中都保持中文。下次启动时生效。</translation>
    </message>
    <message>
        <source>On screen at once</source>
        <translation>同时显示最多</translation>
    </message>
    <message>
        <source>Popups on screen at once; more wait in a queue.</source>
        <translation>屏幕上同时显示的弹窗数；其余的排队等候。</translation>
    </message>
    <message>
        <source>How long each kind of popup stays on screen.</source>
        <translation>每种弹窗在屏幕上停留多久。</translation>
    </message>
    <message>
        <source>Limits of the local socket API (take effect at the next start).</source>
        <translation>本机套接字接口的限制（下次启动时生效）。</translation>
    </message>
    <message>
        <source>Where popups appear on the desktop (take effect at the next start).</source>
        <translation>弹窗在桌面上的位置（下次启动时生效）。</translation>
    </message>
    <message>
        <source>How popups look: theme, text size, motion.</source>
        <translation>弹窗的显示风格：主题、文字大小、动态效果。</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>one of {choices}</source>
        <translation>{choices} 之一</translation>
    </message>
    <message>
        <source>provider ids</source>
        <translation>提供者 ID</translation>
    </message>
    <message>
        <source>a list of {what} (a TOML list, or words separated by commas)</source>
        <translation>{what} 的列表（TOML 列表，或用逗号分隔的多个词）</translation>
    </message>
    <message>
        <source>a table of provider id = {{ hourly = N, daily = N }}</source>
        <translation>形如“提供者 ID = {{ hourly = N, daily = N }}”的表</translation>
    </message>
    <message>
        <source>a span of local time &quot;HH:MM-HH:MM&quot;, or &quot;&quot; for none</source>
        <translation>本地时间段 &quot;HH:MM-HH:MM&quot;，或 &quot;&quot; 表示不设</translation>
    </message>
    <message>
        <source>an RFC 3339 time with an offset, e.g. 2026-11-27T18:00:00+08:00, or &quot;&quot; for none</source>
        <translation>带时区偏移的 RFC 3339 时间，例如 2026-11-27T18:00:00+08:00，或 &quot;&quot; 表示不设</translation>
    </message>
    <message>
        <source>a whole number from {minimum} to {maximum}</source>
        <translation>{minimum} 到 {maximum} 之间的整数</translation>
    </message>
    <message>
        <source>a whole number, {minimum} or more</source>
        <translation>不小于 {minimum} 的整数</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>unknown preference {key!r}; a provider&apos;s caps are {prefix}.hourly and .daily</source>
        <translation>未知的偏好设置 {key!r}；单个提供者的上限为 {prefix}.hourly 和 .daily</translation>
    </message>
    <message>
        <source>This provider&apos;s caps.</source>
        <translation>此提供者的频次上限。</translation>
    </message>
    <message>
        <source>unknown preference {key!r}; did you mean {close}? valid keys: {keys}</source>
        <translation>未知的偏好设置 {key!r}；是不是 {close}？有效的设置项：{keys}</translation>
    </message>
    <message>
        <source>unknown preference {key!r}; valid keys: {keys}</source>
        <translation>未知的偏好设置 {key!r}；有效的设置项：{keys}</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>空值</translation>
    </message>
    <message>
        <source>{key} = {value} is not valid: {problems}.</source>
        <translation>{key} = {value} 无效：{problems}。</translation>
    </message>
    <message>
        <source>One cap of one provider is set as {key}.&lt;provider id&gt;.hourly or .daily.</source>
        <translation>单个提供者的单项上限用 {key}.&lt;提供者 ID&gt;.hourly 或 .daily 设置。</translation>
    </message>
    <message>
        <source>Example: {example}.</source>
        <translation>示例：{example}。</translation>
    </message>
    <message>
        <source>Expected {expected}, e.g. {example}.</source>
        <translation>应为：{expected}，例如 {example}。</translation>
    </message>
    <message>
        <source>input should be greater than or equal to {ge}</source>
        <extracomment>What each problem a preference can have says, as translatable text (the words they have always had, lower case).</extracomment>
        <translation>输入值应大于或等于 {ge}</translation>
    </message>
    <message>
        <source>input should be less than or equal to {le}</source>
        <translation>输入值应小于或等于 {le}</translation>
    </message>
    <message>
        <source>input should be a valid integer</source>
        <translation>输入值应为整数</translation>
    </message>
    <message>
        <source>input should be a valid boolean</source>
        <translation>输入值应为布尔值</translation>
    </message>
    <message>
        <source>input should be a valid string</source>
        <translation>输入值应为字符串</translation>
    </message>
    <message>
        <source>input should be a valid list</source>
        <translation>输入值应为列表</translation>
    </message>
    <message>
        <source>input should be a valid dictionary</source>
        <translation>输入值应为字典</translation>
    </message>
    <message>
        <source>input should be a valid dictionary or instance of {class_name}</source>
        <translation>输入值应为字典或 {class_name} 实例</translation>
    </message>
    <message>
        <source>input should be {expected}</source>
        <translation>输入值应为 {expected}</translation>
    </message>
    <message>
        <source>is not a known setting</source>
        <translation>不是已知的设置项</translation>
    </message>
    <message>
        <source>{message} (found {found})</source>
        <translation>{message}（实际为 {found}）</translation>
    </message>
    <message>
        <source>item {number}</source>
        <translation>第 {number} 项</translation>
    </message>
    <message>
        <source>{first}.{second}</source>
        <translation>{first}.{second}</translation>
    </message>
    <message>
        <source>{key} = {value} is not valid.</source>
        <translation>{key} = {value} 无效。</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>{key!r} is a section; set one of its keys: {keys}</source>
        <translation>{key!r} 是一个分组；请设置其中的某一项：{keys}</translation>
    </message>
    <message>
        <source>it is not valid TOML ({error})</source>
        <translation>不是有效的 TOML（{error}）</translation>
    </message>
    <message>
        <source>it cannot be read ({error})</source>
        <translation>无法读取（{error}）</translation>
    </message>
    <message>
        <source>it is not UTF-8 text</source>
        <extracomment>Checks every change that would turn minors mode off (:func:`guard_change`).</extracomment>
        <translation>不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>line {number} ({text}): {reason}</source>
        <translation>第 {number} 行（{text}）：{reason}</translation>
    </message>
    <message>
        <source>not UTF-8 text</source>
        <translation>不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>not valid TOML ({error})</source>
        <translation>不是有效的 TOML（{error}）</translation>
    </message>
    <message>
        <source>nothing else in it could be read</source>
        <translation>其余内容都无法读取</translation>
    </message>
    <message>
        <source>the preferences did not survive conversion to TOML; the file was left unchanged</source>
        <translation>偏好设置转换为 TOML 后前后不一致；文件未改动</translation>
    </message>
    <message>
        <source>cannot save the preferences to {path}: {error}</source>
        <translation>无法将偏好设置保存到 {path}：{error}</translation>
    </message>
    <message>
        <source>The preferences file {path} is not usable: {reason}.</source>
        <translation>偏好设置文件 {path} 无法使用：{reason}。</translation>
    </message>
    <message>
        <source>it is larger than {size} KiB</source>
        <translation>文件超过 {size} KiB</translation>
    </message>
    <message>
        <source>The preferences file {path} has settings that cannot be used, now at their defaults: {problems}.</source>
        <translation>偏好设置文件 {path} 中有无法使用的设置，现已恢复为默认值：{problems}。</translation>
    </message>
    <message>
        <source>Every other setting was kept.</source>
        <translation>其他设置都已保留。</translation>
    </message>
    <message>
        <source>It was moved to {name}.</source>
        <translation>已将其移至 {name}。</translation>
    </message>
    <message>
        <source>The preferences file {path} cannot be read ({error}); the preferences read before stay in effect, and no change can be saved until it can be read again.</source>
        <translation>无法读取偏好设置文件 {path}（{error}）；此前读取的偏好设置仍然有效，在文件可以读取之前，任何更改都无法保存。</translation>
    </message>
    <message>
        <source>cannot read the preferences file {path} ({error}); nothing was saved, so that the settings in it are not lost. Make it readable again, or move it away to start from the defaults</source>
        <translation>无法读取偏好设置文件 {path}（{error}）；为保留其中的设置，未保存任何更改。请使该文件可以读取，或将其移走以使用默认设置</translation>
    </message>
    <message>
        <source>another program is changing the preferences ({path} stays locked); nothing was saved</source>
        <translation>另一个程序正在更改偏好设置（{path} 一直被锁定）；未保存任何更改</translation>
    </message>
    <message>
        <source>cannot keep the damaged preferences file {path} aside ({error}); nothing was saved</source>
        <translation>无法另存已损坏的偏好设置文件 {path}（{error}）；未保存任何更改</translation>
    </message>
    <message>
        <source>the preferences file {path} kept changing while being saved; nothing was saved</source>
        <translation>保存时偏好设置文件 {path} 不断被改动；未保存任何更改</translation>
    </message>
    <message>
        <source>The default preferences are in effect.</source>
        <translation>现使用默认偏好设置。</translation>
    </message>
    <message>
        <source>is {width} × {height} px, more than the {limit} pixels allowed; send a smaller image</source>
        <translation>尺寸为 {width} × {height} 像素，超过允许的 {limit} 像素；请发送更小的图片</translation>
    </message>
    <message>
        <source>declares too many pixels to decode safely ({error})</source>
        <translation>声明的像素过多，无法安全解码（{error}）</translation>
    </message>
    <message>
        <source>cannot be decoded: it is truncated or corrupt ({error})</source>
        <translation>无法解码：文件不完整或已损坏（{error}）</translation>
    </message>
    <message>
        <source>ad</source>
        <extracomment>Clock skew tolerated for timestamps a provider claims are &quot;now or earlier&quot;. A kind as a reason names it (&quot;a news popup…&quot;): the English word is the kind itself.</extracomment>
        <translation>广告</translation>
    </message>
    <message>
        <source>news</source>
        <translation>新闻</translation>
    </message>
    <message>
        <source>content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>the provider has no id; every popup must name who sends it</source>
        <translation>缺少提供者 ID；每条弹窗都必须注明发送者</translation>
    </message>
    <message>
        <source>the provider has no visible name; every popup must name who sends it</source>
        <translation>提供者没有可见的名称；每条弹窗都必须注明发送者</translation>
    </message>
    <message>
        <source>the token was issued to {token}, but the popup claims to come from {provider}</source>
        <translation>令牌颁发给 {token}，弹窗却声称来自 {provider}</translation>
    </message>
    <message>
        <source>the provider is not verified and the user accepts only verified providers</source>
        <translation>提供者未经验证，而用户只接受已验证的提供者</translation>
    </message>
    <message>
        <source>{provider} is registered with the name &quot;{registered}&quot;, but the popup shows the name &quot;{name}&quot;; a verified popup must show its registered name</source>
        <translation>{provider} 添加时的名称是“{registered}”，弹窗却显示名称“{name}”；已验证的弹窗必须显示添加时的名称</translation>
    </message>
    <message>
        <source>carries an ad declaration but its kind is {kind!r}; an ad must be sent as kind &quot;ad&quot;</source>
        <translation>带有广告声明，但类型为 {kind!r}；广告必须以类型 &quot;ad&quot; 发送</translation>
    </message>
    <message>
        <source>carries a news declaration but its kind is {kind!r}; news must be sent as kind &quot;news&quot;</source>
        <translation>带有新闻声明，但类型为 {kind!r}；新闻必须以类型 &quot;news&quot; 发送</translation>
    </message>
    <message>
        <source>an ad needs an &quot;ad&quot; object with advertiser and review_id</source>
        <translation>广告需要含有 advertiser 和 review_id 的 &quot;ad&quot; 对象</translation>
    </message>
    <message>
        <source>an ad must name its advertiser</source>
        <translation>广告必须注明广告主</translation>
    </message>
    <message>
        <source>an ad must carry the id of its compliance review</source>
        <translation>广告必须附有合规审核编号</translation>
    </message>
    <message>
        <source>a {kind} popup needs a &quot;review&quot; object: who reviewed it and when</source>
        <translation>{kind}弹窗需要 &quot;review&quot; 对象：由谁在何时审核</translation>
    </message>
    <message>
        <source>the review must name its reviewer</source>
        <translation>审核信息必须注明审核人</translation>
    </message>
    <message>
        <source>the review must say when it happened</source>
        <translation>审核信息必须注明审核时间</translation>
    </message>
    <message>
        <source>the review is dated in the future</source>
        <translation>审核时间在未来</translation>
    </message>
    <message>
        <source>the popup was sent before it was reviewed</source>
        <translation>弹窗在审核之前就已发送</translation>
    </message>
    <message>
        <source>a news popup needs a &quot;news&quot; object with source, license, original_title, published_at and url</source>
        <translation>新闻弹窗需要含有 source、license、original_title、published_at 和 url 的 &quot;news&quot; 对象</translation>
    </message>
    <message>
        <source>a news popup must carry the provider&apos;s news-service licence number</source>
        <translation>新闻弹窗必须附有提供者的新闻信息服务许可证编号</translation>
    </message>
    <message>
        <source>a news popup must name its source</source>
        <translation>新闻弹窗必须注明来源</translation>
    </message>
    <message>
        <source>the source {source!r} is not on the news-source list (version {version})</source>
        <translation>来源 {source!r} 不在新闻来源清单中（版本 {version}）</translation>
    </message>
    <message>
        <source>a news popup must give the original story&apos;s url</source>
        <translation>新闻弹窗必须提供原文链接</translation>
    </message>
    <message>
        <source>the original story&apos;s url must be an https address</source>
        <translation>原文链接必须是 https 地址</translation>
    </message>
    <message>
        <source>a news popup must give the source&apos;s original title</source>
        <translation>新闻弹窗必须提供来源的原标题</translation>
    </message>
    <message>
        <source>the title differs from the source&apos;s original title; headlines may not be rewritten</source>
        <translation>标题与来源的原标题不同；不得改写新闻标题</translation>
    </message>
    <message>
        <source>a news popup must say when the story was published</source>
        <translation>新闻弹窗必须注明发布时间</translation>
    </message>
    <message>
        <source>the story is dated in the future</source>
        <translation>新闻的发布时间在未来</translation>
    </message>
    <message>
        <source>the story is {hours} h old; news older than {limit} h is not pushed</source>
        <translation>该新闻已发布 {hours} 小时；超过 {limit} 小时的新闻不予推送</translation>
    </message>
    <message>
        <source>is not a well-formed absolute address</source>
        <translation>不是格式正确的绝对地址</translation>
    </message>
    <message>
        <source>uses the {scheme}: scheme; only {allowed} is allowed</source>
        <translation>使用了 {scheme}: 协议；只允许 {allowed}</translation>
    </message>
    <message>
        <source>has no host</source>
        <translation>没有主机名</translation>
    </message>
    <message>
        <source>carries a user name or password; such addresses disguise their real host</source>
        <translation>含有用户名或密码；这类地址会掩盖真实的主机</translation>
    </message>
    <message>
        <source>a popup whose provider declares no domain may carry no links</source>
        <translation>提供者未声明域名的弹窗不能带有链接</translation>
    </message>
    <message>
        <source>leads to {host}, which is not {domain} or a subdomain of it</source>
        <translation>指向 {host}，它不是 {domain} 或其子域名</translation>
    </message>
    <message>
        <source>cannot be decoded: {problem}</source>
        <translation>无法解码：{problem}</translation>
    </message>
    <message>
        <source>contains a {format} barcode; popups may not lure with QR codes or other 2-D barcodes</source>
        <translation>含有 {format} 条码；弹窗不得用二维码或其他二维条码诱导用户</translation>
    </message>
    <message>
        <source>{provider} already sent a popup with id {id!r}; each popup is pushed once</source>
        <translation>{provider} 已发送过 ID 为 {id!r} 的弹窗；每条弹窗只推送一次</translation>
    </message>
    <message>
        <source>popups are paused until {time}</source>
        <extracomment>Kinds the hourly/daily/global caps apply to; service popups have a flood guard instead.</extracomment>
        <translation>弹窗已暂停至 {time}</translation>
    </message>
    <message>
        <source>the user opted out of {provider}</source>
        <translation>用户已选择不再接收 {provider}</translation>
    </message>
    <message>
        <source>the user opted out of all {kind} popups</source>
        <translation>用户已选择不再接收任何{kind}弹窗</translation>
    </message>
    <message>
        <source>inside the user&apos;s quiet hours ({hours})</source>
        <translation>处于用户的免打扰时段（{hours}）</translation>
    </message>
    <message>
        <source>minors mode is on: no advertising</source>
        <translation>未成年人模式已开启：不显示广告</translation>
    </message>
    <message>
        <source>minors mode is on: no personalized popups</source>
        <translation>未成年人模式已开启：不显示个性化弹窗</translation>
    </message>
    <message>
        <source>minors mode is on: news only from listed sources</source>
        <translation>未成年人模式已开启：只显示清单内来源的新闻</translation>
    </message>
    <message>
        <source>{shown} popups on topic {topic!r} already shown in {hours} h (limit {limit})</source>
        <translation>话题 {topic!r} 在 {hours} 小时内已显示 {shown} 条弹窗（上限 {limit}）</translation>
    </message>
    <message>
        <source>{shown} notifications from this provider in the last minute (limit {limit})</source>
        <translation>此提供者在最近一分钟内已发来 {shown} 条通知（上限 {limit}）</translation>
    </message>
    <message>
        <source>{shown} popups shown from this provider in the last hour (limit {limit})</source>
        <translation>此提供者在最近一小时内已显示 {shown} 条弹窗（上限 {limit}）</translation>
    </message>
    <message>
        <source>{shown} popups shown from this provider in the last 24 h (limit {limit})</source>
        <translation>此提供者在最近 24 小时内已显示 {shown} 条弹窗（上限 {limit}）</translation>
    </message>
    <message>
        <source>{shown} popups shown from all providers in the last hour (limit {limit})</source>
        <translation>所有提供者在最近一小时内共显示 {shown} 条弹窗（上限 {limit}）</translation>
    </message>
    <message>
        <source>{first} {second}</source>
        <extracomment>What an argument may be: a :class:`Text` (translated when shown) or data (shown as it is). Two sentences one after the other.</extracomment>
        <translation>{first}{second}</translation>
    </message>
    <message>
        <source>{first}; {second}</source>
        <extracomment>Two items of a list of problems.</extracomment>
        <translation>{first}；{second}</translation>
    </message>
    <message>
        <source>{first}, {second}</source>
        <extracomment>Two items of a list of names.</extracomment>
        <translation>{first}、{second}</translation>
    </message>
    <message>
        <source>{first} or {second}</source>
        <extracomment>Two alternatives.</extracomment>
        <translation>{first} 或 {second}</translation>
    </message>
    <message>
        <source>{path}: {message}</source>
        <extracomment>A message about one field of a payload or a setting: ``news.url: must be https``.</extracomment>
        <translation>{path}：{message}</translation>
    </message>
    <message>
        <source>is a timestamp without a time-zone offset; add one, e.g. +08:00</source>
        <translation>时间戳缺少时区偏移，请加上，例如 +08:00</translation>
    </message>
    <message>
        <source>must be an RFC 3339 timestamp string, e.g. 2026-11-27T18:00:00+08:00</source>
        <translation>必须是 RFC 3339 时间戳字符串，例如 2026-11-27T18:00:00+08:00</translation>
    </message>
    <message>
        <source>must be an RFC 3339 timestamp with an offset, e.g. 2026-11-27T18:00:00+08:00</source>
        <translation>必须是带时区偏移的 RFC 3339 时间戳，例如 2026-11-27T18:00:00+08:00</translation>
    </message>
    <message>
        <source>has an impossible time-zone offset</source>
        <extracomment>The time zones of the offsets seen so far, by their text (at most 2 × 24 × 60 of them).</extracomment>
        <translation>时区偏移不存在</translation>
    </message>
    <message>
        <source>is not a real date and time</source>
        <translation>不是真实存在的日期和时间</translation>
    </message>
    <message>
        <source>The journal {path} was damaged ({error}); it was moved to {target} and a new, empty journal was started. Frequency caps count afresh.</source>
        <translation>推送记录文件 {path} 已损坏（{error}），已移至 {target}，并新建了一个空的记录文件。频次上限重新开始计数。</translation>
    </message>
    <message>
        <source>Frequency caps</source>
        <translation>频次上限</translation>
    </message>
    <message>
        <source>Blocking</source>
        <translation>不再接收</translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation>免打扰</translation>
    </message>
    <message>
        <source>News</source>
        <translation>新闻</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>显示风格</translation>
    </message>
    <message>
        <source>Local API</source>
        <translation>本机接口</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source> popups</source>
        <translation> 条</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Until closed</source>
        <translation>直到关闭</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>the bundle body cannot be written as JSON: {error}</source>
        <translation>策略包正文无法写成 JSON：{error}</translation>
    </message>
    <message>
        <source>{source} is refused: {reason}</source>
        <translation>{source} 被拒绝：{reason}</translation>
    </message>
    <message>
        <source>it is not signed; only bundles signed with a key in the trust store are accepted</source>
        <translation>它没有签名；只接受由信任库中的密钥签名的策略包</translation>
    </message>
    <message>
        <source>its &quot;signature&quot; must be {{&quot;key_id&quot;: &quot;ed25519:…&quot;, &quot;sig&quot;: &quot;&lt;base64&gt;&quot;}}</source>
        <translation>它的 &quot;signature&quot; 必须是 {{&quot;key_id&quot;: &quot;ed25519:…&quot;, &quot;sig&quot;: &quot;&lt;base64&gt;&quot;}}</translation>
    </message>
    <message>
        <source>it is signed by {key}, an unknown issuer: that key is not in the trust store</source>
        <translation>它由 {key} 签名，这是未知的签发者：信任库中没有该密钥</translation>
    </message>
    <message>
        <source>the signature does not match the body: it was edited after signing, or signed by another key than {key}</source>
        <translation>签名与正文不符：正文在签名后被修改过，或者签名所用的密钥不是 {key}</translation>
    </message>
    <message>
        <source>it is {size} bytes; a bundle is at most {limit}</source>
        <translation>它有 {size} 字节；策略包最多 {limit} 字节</translation>
    </message>
    <message>
        <source>it is not a policy bundle (not UTF-8 JSON)</source>
        <translation>它不是策略包（不是 UTF-8 JSON）</translation>
    </message>
    <message>
        <source>it is not a policy bundle (no &quot;format&quot;: &quot;{format}&quot;)</source>
        <translation>它不是策略包（没有 &quot;format&quot;: &quot;{format}&quot;）</translation>
    </message>
    <message>
        <source>it has unknown fields: {fields}</source>
        <translation>它含有未知字段：{fields}</translation>
    </message>
    <message>
        <source>its body is not JSON: {error}</source>
        <translation>它的正文不是 JSON：{error}</translation>
    </message>
    <message>
        <source>its body is not a JSON object</source>
        <translation>它的正文不是 JSON 对象</translation>
    </message>
    <message>
        <source>its body is not canonical JSON (sorted keys, no spaces); make it with make_bundle</source>
        <translation>它的正文不是规范 JSON（键已排序、无空格）；请用 make_bundle 生成</translation>
    </message>
    <message>
        <source>its body lacks {missing} or has unknown fields {unknown}</source>
        <translation>它的正文缺少 {missing}，或含有未知字段 {unknown}</translation>
    </message>
    <message>
        <source>its body has schema {schema}; this version reads schema 1</source>
        <translation>它的正文 schema 为 {schema}；本版本只读取 schema 1</translation>
    </message>
    <message>
        <source>its body names the issuer {named}, but it is signed by {key}</source>
        <translation>它的正文写明签发者为 {named}，但签名者是 {key}</translation>
    </message>
    <message>
        <source>&quot;version&quot; must be a whole number, 1 or more</source>
        <translation>&quot;version&quot; 必须是不小于 1 的整数</translation>
    </message>
    <message>
        <source>&quot;created&quot; {problem}</source>
        <translation>&quot;created&quot; 字段{problem}</translation>
    </message>
    <message>
        <source>&quot;title&quot; must be text and &quot;defaults&quot; a table</source>
        <translation>&quot;title&quot; 必须是文本，&quot;defaults&quot; 必须是表</translation>
    </message>
    <message>
        <source>&quot;locks&quot; must be a table of dotted key = {{op = bound}}</source>
        <translation>&quot;locks&quot; 必须是“点分键 = {{op = bound}}”形式的表</translation>
    </message>
    <message>
        <source>its locks are refused: {problems}</source>
        <translation>它的锁定被拒绝：{problems}</translation>
    </message>
    <message>
        <source>&quot;providers&quot; must be a list</source>
        <translation>&quot;providers&quot; 必须是列表</translation>
    </message>
    <message>
        <source>&quot;providers&quot; lists the same {what} more than once: {values}</source>
        <translation>&quot;providers&quot; 多次列出同一个 {what}：{values}</translation>
    </message>
    <message>
        <source>{where} must have exactly &quot;id&quot;, &quot;name&quot;, &quot;public_key&quot; and &quot;complaint_url&quot;</source>
        <translation>{where} 必须恰好包含 &quot;id&quot;、&quot;name&quot;、&quot;public_key&quot; 和 &quot;complaint_url&quot;</translation>
    </message>
    <message>
        <source>{where} needs an id, a visible name and an https complaint URL</source>
        <translation>{where} 需要 id、可见的名称和 https 举报网址</translation>
    </message>
    <message>
        <source>&quot;news_sources&quot; must be {{&quot;version&quot;: &quot;…&quot;, &quot;title&quot;: &quot;…&quot;, &quot;sources&quot;: [{{&quot;name&quot;, &quot;aliases&quot;, &quot;domains&quot;}}]}}</source>
        <translation>&quot;news_sources&quot; 必须是 {{&quot;version&quot;: &quot;…&quot;, &quot;title&quot;: &quot;…&quot;, &quot;sources&quot;: [{{&quot;name&quot;, &quot;aliases&quot;, &quot;domains&quot;}}]}}</translation>
    </message>
    <message>
        <source>row {row} carries no valid chain hash</source>
        <translation>第 {row} 行没有有效的链哈希</translation>
    </message>
    <message>
        <source>row {row} was edited: its content no longer gives the hash it was sealed with</source>
        <translation>第 {row} 行被修改过：其内容已算不出封存时的哈希</translation>
    </message>
    <message>
        <source>row {row} is out of order: it was sealed after row {other}, which now comes later</source>
        <translation>第 {row} 行顺序被打乱：它封存于第 {other} 行之后，而该行现在排在它后面</translation>
    </message>
    <message>
        <source>a row was added before row {row}: it was sealed right after row {other}</source>
        <translation>第 {row} 行之前被插入了一行：它封存时紧跟在第 {other} 行之后</translation>
    </message>
    <message>
        <source>rows before row {row}, the first, were removed: it follows a row that is not there</source>
        <translation>第一行（第 {row} 行）之前的行被删除：它所接续的行已不存在</translation>
    </message>
    <message>
        <source>rows between row {before} and row {row} were removed: row {row} follows a row that is not there</source>
        <translation>第 {before} 行与第 {row} 行之间的行被删除：第 {row} 行所接续的行已不存在</translation>
    </message>
    <message>
        <source>rows were removed from the end: a checkpoint of {created} counted {count} rows, there are {now}</source>
        <translation>末尾的行被删除：{created} 的检查点记录了 {count} 行，现在只有 {now} 行</translation>
    </message>
    <message>
        <source>the chain was rewritten: row {row} no longer has the hash the checkpoint of {created} signed</source>
        <translation>哈希链被重写：第 {row} 行的哈希已不是 {created} 的检查点所签名的哈希</translation>
    </message>
    <message>
        <source>the chain&apos;s start is a {kind} checkpoint, not a prune checkpoint</source>
        <translation>哈希链的起点是 {kind} 检查点，而不是清理（prune）检查点</translation>
    </message>
    <message>
        <source>a checkpoint is malformed</source>
        <translation>检查点格式错误</translation>
    </message>
    <message>
        <source>the checkpoint of {created} is signed with {key}, not with the journal&apos;s key</source>
        <translation>{created} 的检查点由 {key} 签名，而不是日志的密钥</translation>
    </message>
    <message>
        <source>the checkpoint of {created} was altered: its signature does not match</source>
        <translation>{created} 的检查点被修改过：签名不符</translation>
    </message>
    <message>
        <source>the chain proof is malformed</source>
        <translation>链证明格式错误</translation>
    </message>
    <message>
        <source>the row in the chain proof was edited: it no longer gives its hash</source>
        <translation>链证明中的行被修改过：已算不出它的哈希</translation>
    </message>
    <message>
        <source>the chain proof does not lead to its head: a later row was changed, removed or reordered</source>
        <translation>链证明无法推到其链头：之后的某行被修改、删除或调换了顺序</translation>
    </message>
    <message>
        <source>evidence file names must be plain names, not {names}</source>
        <translation>证据文件名必须是简单的文件名，不能是 {names}</translation>
    </message>
    <message>
        <source>{folder} already exists and is not an empty folder; nothing was written</source>
        <translation>{folder} 已存在且不是空文件夹；未写入任何内容</translation>
    </message>
    <message>
        <source>{file} was removed: the manifest lists it</source>
        <translation>{file} 被删除：清单中列有它</translation>
    </message>
    <message>
        <source>{file} was added: the manifest does not list it</source>
        <translation>{file} 是后加的：清单中没有它</translation>
    </message>
    <message>
        <source>{file} is not a regular file</source>
        <translation>{file} 不是普通文件</translation>
    </message>
    <message>
        <source>{file} was changed: its SHA-256 is not the one in the manifest</source>
        <translation>{file} 被修改过：其 SHA-256 与清单中的不符</translation>
    </message>
    <message>
        <source>{folder} is not an evidence folder: {manifest} or {signature} is missing or unreadable</source>
        <translation>{folder} 不是证据文件夹：{manifest} 或 {signature} 缺失或无法读取</translation>
    </message>
    <message>
        <source>{manifest} is malformed</source>
        <translation>{manifest} 格式错误</translation>
    </message>
    <message>
        <source>{manifest} was changed after it was signed: {signature} does not match it</source>
        <translation>{manifest} 在签名后被修改过：{signature} 与之不符</translation>
    </message>
    <message>
        <source>{manifest} names a key id that is not its key&apos;s</source>
        <translation>{manifest} 写明的密钥 ID 与其密钥不符</translation>
    </message>
    <message>
        <source>the evidence is signed with {key}, not with the expected key {expected}</source>
        <translation>证据由 {key} 签名，而不是预期的密钥 {expected}</translation>
    </message>
    <message>
        <source>chain.json is not JSON</source>
        <translation>chain.json 不是 JSON</translation>
    </message>
    <message>
        <source>chain.json: {problem}</source>
        <translation>chain.json：{problem}</translation>
    </message>
    <message>
        <source>payload.json is not the payload the journal sealed in chain.json</source>
        <translation>payload.json 不是日志在 chain.json 中封存的那份内容</translation>
    </message>
    <message>
        <source>the evidence key {file} cannot be read: {error}</source>
        <translation>无法读取证据密钥 {file}：{error}</translation>
    </message>
    <message>
        <source>the evidence key cannot be saved in {file}: {error}</source>
        <translation>无法把证据密钥保存到 {file}：{error}</translation>
    </message>
    <message>
        <source>{what} must be base64 text</source>
        <translation>{what} 必须是 base64 文本</translation>
    </message>
    <message>
        <source>{what} is not valid base64</source>
        <translation>{what} 不是有效的 base64</translation>
    </message>
    <message>
        <source>{what} is {actual} bytes long; it must be {expected}</source>
        <translation>{what} 长 {actual} 字节；必须是 {expected} 字节</translation>
    </message>
    <message>
        <source>{what} is not a PEM public key</source>
        <translation>{what} 不是 PEM 公钥</translation>
    </message>
    <message>
        <source>{what} holds a key of another algorithm ({kind}); only Ed25519 keys are used</source>
        <translation>{what} 中是其他算法的密钥（{kind}）；只使用 Ed25519 密钥</translation>
    </message>
    <message>
        <source>{what} is not an unencrypted PEM private key</source>
        <translation>{what} 不是未加密的 PEM 私钥</translation>
    </message>
    <message>
        <source>{file} is larger than 1 MiB and is ignored</source>
        <translation>{file} 大于 1 MiB，已忽略</translation>
    </message>
    <message>
        <source>{file} cannot be read ({error}) and is ignored</source>
        <translation>{file} 无法读取（{error}），已忽略</translation>
    </message>
    <message>
        <source>{file} is not valid TOML ({error}) and is ignored</source>
        <translation>{file} 不是有效的 TOML（{error}），已忽略</translation>
    </message>
    <message>
        <source>lock on {key} refused: {why}</source>
        <translation>对 {key} 的锁定被拒绝：{why}</translation>
    </message>
    <message>
        <source>it cannot be locked; lockable keys are {keys} and caps.providers.&lt;id&gt;.hourly|daily</source>
        <translation>它不能被锁定；可锁定的键有 {keys} 以及 caps.providers.&lt;id&gt;.hourly|daily</translation>
    </message>
    <message>
        <source>write it as {{ {op} = &lt;bound&gt; }}</source>
        <translation>请写成 {{ {op} = &lt;bound&gt; }}</translation>
    </message>
    <message>
        <source>{given!r} would not make the user safer; {key} can only be locked with {{ {op} = &lt;bound&gt; }}</source>
        <translation>{given!r} 不会让用户更安全；{key} 只能用 {{ {op} = &lt;bound&gt; }} 锁定</translation>
    </message>
    <message>
        <source>the bound must be a whole number, {least} or more</source>
        <translation>界限必须是不小于 {least} 的整数</translation>
    </message>
    <message>
        <source>a lock can only force it to {safe}, the safer side</source>
        <translation>锁定只能把它强制为更安全的 {safe}</translation>
    </message>
    <message>
        <source>the bound must be a non-empty list of names</source>
        <translation>界限必须是非空的名称列表</translation>
    </message>
    <message>
        <source>unknown kinds {kinds}; kinds are ad, news, content, service</source>
        <translation>未知类型 {kinds}；类型有 ad、news、content、service</translation>
    </message>
    <message>
        <source>the bound must be a span &quot;HH:MM-HH:MM&quot; of local time, e.g. &quot;22:00-07:00&quot;</source>
        <translation>界限必须是本地时间段 &quot;HH:MM-HH:MM&quot;，例如 &quot;22:00-07:00&quot;</translation>
    </message>
    <message>
        <source>{key} is locked ({op} {bound}) by {who}; {value} is not allowed</source>
        <translation>{key} 已被 {who} 锁定（{op} {bound}）；不允许设为 {value}</translation>
    </message>
    <message>
        <source>the payload is signed with {key}, which no installed policy bundle lists; {provider} is listed with {keys}</source>
        <translation>内容由 {key} 签名，但已安装的策略包中都没有该密钥；{provider} 登记的密钥是 {keys}</translation>
    </message>
    <message>
        <source>the provider {provider} is not listed in any installed policy bundle, and neither is the key {key}</source>
        <translation>提供者 {provider} 不在任何已安装的策略包中，密钥 {key} 也不在</translation>
    </message>
    <message>
        <source>the payload was altered after it was signed: its SHA-256 is not the one signed with {key}</source>
        <translation>内容在签名后被修改过：其 SHA-256 与用 {key} 签名时的不符</translation>
    </message>
    <message>
        <source>the signature does not verify with {provider}&apos;s key {key}: the payload was altered after signing, or another key signed it</source>
        <translation>签名无法用 {provider} 的密钥 {key} 验证：内容在签名后被修改过，或由其他密钥签名</translation>
    </message>
    <message>
        <source>the payload is signed with the key of {owner}, but it claims to come from {provider}</source>
        <translation>内容由 {owner} 的密钥签名，却声称来自 {provider}</translation>
    </message>
    <message>
        <source>&quot;signed&quot; must be {{&quot;payload&quot;: &quot;&lt;JSON text&gt;&quot;, &quot;signature&quot;: {{&quot;key_id&quot;: &quot;…&quot;, &quot;sig&quot;: &quot;&lt;base64&gt;&quot;}}}}</source>
        <translation>&quot;signed&quot; 必须是 {{&quot;payload&quot;: &quot;&lt;JSON text&gt;&quot;, &quot;signature&quot;: {{&quot;key_id&quot;: &quot;…&quot;, &quot;sig&quot;: &quot;&lt;base64&gt;&quot;}}}}</translation>
    </message>
    <message>
        <source>the signed payload is not valid Unicode text</source>
        <translation>签名的内容不是有效的 Unicode 文本</translation>
    </message>
    <message>
        <source>the signed payload is {size} bytes; a popup may be at most 1 MiB</source>
        <translation>签名的内容有 {size} 字节；一条弹窗最多 1 MiB</translation>
    </message>
    <message>
        <source>the signed payload is not JSON</source>
        <translation>签名的内容不是 JSON</translation>
    </message>
    <message>
        <source>the signed payload names no provider.id</source>
        <translation>签名的内容没有写明 provider.id</translation>
    </message>
    <message>
        <source>{file} is not used as a trusted key: {why}</source>
        <translation>{file} 未被用作受信任的密钥：{why}</translation>
    </message>
    <message>
        <source>the policy history {file} is damaged ({error}); no bundle can be installed until it is restored</source>
        <translation>策略历史 {file} 已损坏（{error}）；恢复之前无法安装任何策略包</translation>
    </message>
    <message>
        <source>{source} was not installed: {folder} cannot be written ({error}); machine-wide policy is installed by an administrator</source>
        <translation>{source} 未安装：无法写入 {folder}（{error}）；全机策略须由管理员安装</translation>
    </message>
    <message>
        <source>{source} is refused: version {version} was installed before with other content (sha256 {old}); a changed bundle needs a higher version</source>
        <translation>{source} 被拒绝：版本 {version} 以前安装过，内容不同（sha256 {old}）；内容有变的策略包需要更高的版本号</translation>
    </message>
    <message>
        <source>{source} is refused: it is version {version}, older than version {newest} installed before; versions only go forward</source>
        <translation>{source} 被拒绝：它是版本 {version}，比以前安装过的版本 {newest} 旧；版本只能前进</translation>
    </message>
    <message>
        <source>{source} is refused: it holds version {version}, but the newest bundle installed is {newest}; it was replaced by hand (install the newest bundle again)</source>
        <translation>{source} 被拒绝：它是版本 {version}，但已安装的最新策略包是 {newest}；它被人工替换过（请重新安装最新的策略包）</translation>
    </message>
    <message>
        <source>a record of removed rows is malformed</source>
        <translation>一条删除记录格式有误</translation>
    </message>
    <message>
        <source>the record of rows {first}–{last} removed is not signed with the journal&apos;s key</source>
        <translation>第 {first}–{last} 行的删除记录没有用日志的密钥签名</translation>
    </message>
</context>
</TS>
