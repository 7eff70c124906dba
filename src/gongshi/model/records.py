"""The data model: one YAML file per record, validated by these classes.

Plain pydantic, independent of mkdocs. Field names are English (they are also
the open-data column names); values are Chinese as published. Every model
forbids unknown fields so a misspelt key is reported, not silently dropped.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from gongshi.model.deadline import Deadline, parse_deadline
from gongshi.model.fields import (
    Count,
    Date,
    Flag,
    IdList,
    Markdown,
    Name,
    RecordId,
    Title,
    check_length,
    fail,
    text_list,
)

# --- vocabularies -----------------------------------------------------------

Level = Literal["中央", "省", "市", "县"]
SourceType = Literal["督察", "督察回头看", "专项督察", "巡察", "警示片", "其他"]
IssueKind = Literal["督察反馈问题", "巡察反馈问题", "交办信访件", "警示片披露问题", "典型案例", "其他"]
Category = Literal["水", "大气", "土壤", "生态", "噪声", "其他"]
# What staff record. 公示中 / 公示期满 are not typed by hand: they follow from the
# sign-off notice's window and the build date (see model.status).
Status = Literal["未公布", "整改中", "已完成", "已销号", "反弹"]
PollutionType = Literal["大气", "水", "噪声", "生态", "土壤", "其他"]
PetitionChannel = Literal["来电", "来信", "来访", "网络"]
Finding = Literal["属实", "部分属实", "不属实"]
PetitionStatus = Literal["办理中", "已办结"]

_PHONE = re.compile(r"^[0-9（）()\-－ +]{5,30}$")
_AREA_CODE = re.compile(r"^0[1-9][0-9]{1,2}$")
_LOCAL_NUMBER = re.compile(r"^[2-9][0-9]{6,7}$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _text_length(cls, value):
        # Every text field has a length limit (titles, regions and Markdown have their own).
        return check_length(value)


# --- contacts ---------------------------------------------------------------


class Phone(Strict):
    number: str  # as the source document writes it
    label: str | None = None
    # The area code of a fixed-line number published without one (7102953 → 0797): without it the
    # number dials only inside its own area.
    area_code: str | None = None

    @field_validator("number")
    @classmethod
    def _number(cls, v: str) -> str:
        if not _PHONE.match(v):
            raise fail(f"“{v}”不是电话号码：只写数字、区号括号和“-”，如 0730-8245473")
        return v

    @field_validator("area_code")
    @classmethod
    def _area_code(cls, v: str | None) -> str | None:
        if v is not None and not _AREA_CODE.match(v):
            raise fail(f"“{v}”不是长途区号：区号以 0 开头，共 3 到 4 位数字，如 \"0797\"（请加引号）")
        return v

    @property
    def needs_area_code(self) -> bool:
        """A local fixed-line number (7 or 8 digits, no leading 0 or 1, not a service number such as 12345)
        that names no area code."""
        return self.area_code is None and bool(_LOCAL_NUMBER.match(re.sub(r"[^0-9]", "", self.number)))

    @property
    def display(self) -> str:
        """The number as published, with the area code in front where the data adds one."""
        return f"{self.area_code}-{self.number}" if self.area_code else self.number

    @property
    def tel(self) -> str:
        """The number for a tel: link (digits and a leading +), with its area code."""
        return re.sub(r"[^0-9+]", "", self.display)


def _phones(value):
    value = text_list(value)
    if isinstance(value, list):
        return [{"number": v} if isinstance(v, str) else v for v in value]
    return value


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise fail(f"“{value}”不是电子邮箱地址")
    return value


Email = Annotated[str, BeforeValidator(lambda v: _email(v.strip()) if isinstance(v, str) else v)]


class Document(Strict):
    """An official document (整改方案, 通知, 通报) a record comes from."""

    # How records name it (`from_documents`): a key unique among its source's documents.
    id: RecordId | None = None
    title: Title
    number: str | None = None  # 文号, e.g. 信长江办字〔2021〕2号
    issuer: str | None = None  # 发布机构
    date: Date | None = None  # 成文日期
    url: str | None = None  # where the original is published (http or https)

    @field_validator("url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        if v is not None and not re.match(r"^https?://[^\s<>\"]+$", v):
            raise fail(f"“{v}”不是网址：请写以 http:// 或 https:// 开头的原文地址")
        return v


ATTACHMENT_TYPES = {".pdf": "PDF 文档", ".ofd": "OFD 文档", ".png": "PNG 图片", ".jpg": "JPEG 图片",
                    ".jpeg": "JPEG 图片", ".webp": "WebP 图片", ".docx": "Word 文档", ".xlsx": "Excel 表格"}


def _attachment_path(value: str) -> str:
    # A path inside data/attachments/, written relative to it: no "..", no absolute paths.
    parts = value.replace("\\", "/").split("/")
    if value.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise fail(f"“{value}”不是 data/attachments/ 下的文件路径：请写作“来源编号/文件名.pdf”，不能含“..”或以“/”开头")
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", value):
        raise fail(f"附件路径“{value}”只能用英文字母、数字、“.”、“-”、“_”和“/”")
    suffix = "." + value.rsplit(".", 1)[-1].lower() if "." in value else ""
    if suffix not in ATTACHMENT_TYPES:
        raise fail(f"附件类型“{suffix or '无扩展名'}”不在允许之列：{'、'.join(ATTACHMENT_TYPES)}")
    return value


class Attachment(Strict):
    """An original document kept in data/attachments/ and published beside the page."""

    file: Annotated[str, AfterValidator(_attachment_path)]
    title: Title

    @property
    def kind(self) -> str:
        return ATTACHMENT_TYPES["." + self.file.rsplit(".", 1)[-1].lower()]

    @property
    def name(self) -> str:
        return self.file.rsplit("/", 1)[-1]


class Period(Strict):
    start: Date
    end: Date

    @model_validator(mode="after")
    def _order(self):
        if self.end < self.start:
            raise fail(f"结束日期 {self.end} 早于开始日期 {self.start}")
        return self


# --- records ----------------------------------------------------------------


class Record(Strict):
    """Base of every file-backed record; `id` comes from the file name."""

    id: RecordId


class Unit(Record):
    """责任单位 / 牵头单位 / 办公室, with its public contact channels."""

    name: Title
    region: Name | None = None
    collective: Flag = False  # "各设区市政府": a group of units named together
    parent: RecordId | None = None
    description: Markdown | None = None
    phones: Annotated[list[Phone], BeforeValidator(_phones)] = []
    emails: Annotated[list[Email], BeforeValidator(text_list)] = []
    address: str | None = None
    postcode: str | None = None
    hours: str | None = None

    @property
    def has_contact(self) -> bool:
        return bool(self.phones or self.emails or self.address)

    @property
    def display_name(self) -> str:
        # "省环保厅" only makes sense with its province; "南昌市政府" stands alone.
        if self.region and self.name[:1] in "省市县区":
            province = self.region.split("省")[0] + "省" if "省" in self.region else self.region
            return f"{self.name}（{province}）"
        return self.name


class PetitionSummary(Strict):
    """Petition statistics as a bulletin published them (e.g. 工作简报: 按县区、按污染类别……)."""

    as_of: Date  # 交办情况截止日期
    batches: Count | None = None  # 交办批次
    total: Count
    by_region: dict[str, Count] = {}
    by_pollution: dict[str, Count] = {}  # a case may have several types: the sum can exceed total
    important: Count | None = None  # 重要件
    important_by_region: dict[str, Count] = {}
    by_channel: dict[str, Count] = {}  # 来电/来信
    handling_as_of: Date | None = None  # 办理情况截止日期
    in_progress: Count | None = None
    handled: Count | None = None
    handled_by_region: dict[str, Count] = {}
    document: str | None = None


class Source(Record):
    """An inspection or other source of issues (督察轮次, 回头看, 巡察, 警示片)."""

    name: Title
    level: Level
    type: SourceType
    group: str | None = None  # 督察组, e.g. 中央第四环境保护督察组
    region: Name | None = None  # 被督察地区/对象
    stationing: Period | None = None  # 进驻时间
    stationing_text: str | None = None  # as published when the dates are incomplete
    feedback_date: Date | None = None
    feedback_text: str | None = None
    scope: Markdown | None = None
    summary: Markdown | None = None
    documents: list[Document] = []
    attachments: list[Attachment] = []
    min_window_days: Count | None = None  # shortest sign-off window allowed
    petition_summary: PetitionSummary | None = None


class Measure(Strict):
    text: Markdown
    lead: IdList = []  # 牵头单位 of this measure


class ProgressEntry(Strict):
    date: Date | None = None  # None: the published report gives no date
    text: Markdown
    document: str | None = None  # the report this comes from


class Window(Strict):
    start: Date
    end: Date | None = None
    working_days: Count | None = None  # as published

    @model_validator(mode="after")
    def _complete(self):
        if self.end is None and self.working_days is None:
            raise fail("公示时间需写结束日期 end 或工作日数 working_days（至少一项）")
        if self.end is not None and self.end < self.start:
            raise fail(f"公示结束日期 {self.end} 早于开始日期 {self.start}")
        if self.working_days is not None and self.working_days < 1:
            raise fail("工作日数应至少为 1")
        return self


class Signoff(Strict):
    """整改销号公示: the notice published when an issue is fixed."""

    title: Title
    date: Date  # 落款日期
    number: str | None = None  # 文号
    office: RecordId  # 发布单位
    contact: RecordId | None = None  # objection channel; defaults to the office
    intro: Markdown | None = None  # 根据……公示如下
    window: Window
    implementation: list[Markdown] = Field(default=[], min_length=0)  # 四、整改落实情况
    conclusion: Markdown | None = None


class Withdrawal(Strict):
    date: Date
    reason: Markdown


class Issue(Record):
    source: RecordId
    old_ids: IdList = []  # earlier ids of this issue: their URLs redirect here
    withdrawn: Withdrawal | None = None  # the page stays, as a tombstone saying when and why
    number: str | None = None  # the inspection's own numbering, as published
    kind: IssueKind
    title: Title
    section: str | None = None  # the feedback problem this one falls under
    region: Name
    category: Annotated[list[Category], BeforeValidator(text_list)] = Field(min_length=1)
    problem: Markdown
    target: Markdown | None = None  # 整改目标
    deadline: Annotated[Deadline, BeforeValidator(parse_deadline)] | None = None
    measures: list[Measure] = []
    responsible_units: IdList = []
    leader: str | None = None  # 责任领导
    status: Status
    progress: list[ProgressEntry] = []
    signoff: Signoff | None = None
    documents: list[Document] = []
    # The source's documents this record comes from (their ids); empty: all of its source's documents.
    from_documents: IdList = []
    attachments: list[Attachment] = []
    note: Markdown | None = None

    @field_validator("category")
    @classmethod
    def _unique_categories(cls, v: list[str]) -> list[str]:
        if len(set(v)) != len(v):
            raise fail("类别重复")
        return v

    @model_validator(mode="after")
    def _status_fits_signoff(self):
        if self.signoff is not None and self.status not in ("已完成", "已销号"):
            raise fail(f"已有销号公示 signoff，状态应为“已完成”或“已销号”，而不是“{self.status}”",
                       at=("status",))
        return self

    @property
    def lead_units(self) -> list[str]:
        seen: dict[str, None] = {}
        for measure in self.measures:
            for unit in measure.lead:
                seen.setdefault(unit, None)
        return list(seen)

    @property
    def all_units(self) -> list[str]:
        return list(dict.fromkeys([*self.lead_units, *self.responsible_units]))


class Petition(Record):
    """信访件 handed over by an inspection group."""

    source: RecordId
    batch: str | None = None  # 交办批次
    region: Name | None = None
    pollution: Annotated[list[PollutionType], BeforeValidator(text_list)] = []
    important: Flag | None = None  # 重点/重要件
    channel: PetitionChannel | None = None  # 来电/来信
    summary: Markdown | None = None
    finding: Finding | None = None
    finding_text: Markdown | None = None
    handling: Markdown | None = None
    handling_units: IdList = []  # 办理单位
    status: PetitionStatus | None = None
    reported: Date | None = None  # date of the report this comes from
    document: str | None = None
    from_documents: IdList = []  # as for issues: ids of its source's documents


class Duty(Record):
    """A recurring reporting duty, e.g. 每月25日前报送整改情况."""

    title: Title
    text: str  # the rule as published: 每月25日前
    day_of_month: Count
    # When the day is not a working day: move to the previous / next working day, or keep the day.
    # 不调整 unless the source document states a rule.
    if_not_workday: Literal["提前", "顺延", "不调整"] = "不调整"
    office: RecordId  # who receives the report
    who: str | None = None  # who must report
    start: Date
    end: Date | None = None  # the last day it applies, as the document (or a later one) states
    document: Document | None = None

    @field_validator("day_of_month")
    @classmethod
    def _day(cls, v: int) -> int:
        if not 1 <= v <= 28:
            raise fail("每月报送日应在 1 到 28 之间")
        return v


class Settings(Strict):
    site_name: Title
    site_description: str | None = None
    owner: RecordId | None = None  # the unit whose channel the footer shows
    licence: str | None = None
    repo_url: str | None = None
    # Shortest sign-off window in working days: the default, then per source type
    # (e.g. 督察: 10 where the rules require it); a source's own value wins.
    min_window_days: Count = 5
    min_window_days_by_type: dict[SourceType, Count] = {}
    # A deadline further ahead than this many years is reported as a likely typo (a hint).
    deadline_horizon_years: Count = 30


KINDS: dict[str, type[Record]] = {
    "units": Unit,
    "sources": Source,
    "issues": Issue,
    "petitions": Petition,
    "duties": Duty,
}
