"""The popup's own words: marked for lupdate, translated where shown; 「广告」 and 「关闭」 stay Chinese.

scripts/make-font-subset puts their characters in the bundled font.
"""

from __future__ import annotations

from .i18n import QT_TRANSLATE_NOOP
from .popup_parts import S_CLOSE

S_AD = "广告"
S_REPORT = QT_TRANSLATE_NOOP("", "举报")
S_DETAILS = QT_TRANSLATE_NOOP("", "查看详情")
S_SOURCE = QT_TRANSLATE_NOOP("", "来源：")
S_UNVERIFIED = QT_TRANSLATE_NOOP("", "未验证")
S_UNVERIFIED_TIP = QT_TRANSLATE_NOOP("", "此来源的身份未经验证")
S_WHY_AD = QT_TRANSLATE_NOOP("", "为什么看到此广告")
S_BACK = QT_TRANSLATE_NOOP("", "返回")
S_MORE = QT_TRANSLATE_NOOP("", "更多")
S_BLOCK = QT_TRANSLATE_NOOP("", "不再接收此来源")
S_FEWER = QT_TRANSLATE_NOOP("", "减少此类推送")
S_ADVERTISER = QT_TRANSLATE_NOOP("", "广告主：")
S_PAYER = QT_TRANSLATE_NOOP("", "付费方：")
S_TARGETING = QT_TRANSLATE_NOOP("", "推送原因：")
S_NOT_GIVEN = QT_TRANSLATE_NOOP("", "未提供")
S_FULL_TEXT = QT_TRANSLATE_NOOP("", "全文")  # large text cut the title or body: the whole of it, in the history window
S_FULL_TEXT_TIP = QT_TRANSLATE_NOOP("", "在历史记录中查看全文")
UI_STRINGS = (
    S_AD, S_CLOSE, S_REPORT, S_DETAILS, S_SOURCE, S_UNVERIFIED, S_UNVERIFIED_TIP, S_WHY_AD, S_BACK,
    S_MORE, S_BLOCK, S_FEWER, S_ADVERTISER, S_PAYER, S_TARGETING, S_NOT_GIVEN, S_FULL_TEXT, S_FULL_TEXT_TIP,
)  # fmt: skip
