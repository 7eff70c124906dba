"""The build date: "today" for every state on the site (公示中, overdue ...).

Pinned by GONGSHI_BUILD_DATE=YYYY-MM-DD or SOURCE_DATE_EPOCH (reproducible
builds), otherwise today's date in China (UTC+8, no daylight saving)."""

from __future__ import annotations

import datetime as dt
import os

from gongshi.model.dates import CHINA


class BuildDateError(ValueError):
    pass


def build_date(environ=None) -> dt.date:
    env = os.environ if environ is None else environ
    text = env.get("GONGSHI_BUILD_DATE", "").strip()
    if text:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise BuildDateError(f"GONGSHI_BUILD_DATE=“{text}”不是日期，应写作 2026-11-23") from None
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), CHINA).date()
        except (ValueError, OverflowError):
            raise BuildDateError(f"SOURCE_DATE_EPOCH=“{epoch}”不是有效的时间戳") from None
    return dt.datetime.now(CHINA).date()
