"""Chinese descriptions of every field: shown on the open-data page and put
into the published JSON Schemas (editors show them while staff type)."""

from __future__ import annotations

COMMON = {
    "id": "编号（文件名，也是网址的一部分，不会改变）",
    "url": "本站页面地址",
    "json_url": "本记录 JSON 数据的地址",
    "data_file": "本记录在数据仓库中的文件",
    "source_documents": ("来源文件：本记录取自的原文（title 标题，number 文号，issuer 发布机构，date 成文日期，"
                         "url 原文网址；均为原文的信息）"),
    "site_dates": "本站日期（不是原文日期）：collected 本站收录本记录的日期，updated 本站最近修改的日期（取自 git）",
}

FIELDS: dict[str, dict[str, str]] = {
    "issues": {
        "source": "督察来源编号（data/sources/ 下的文件名）",
        "source_name": "督察来源名称",
        "old_ids": "本问题以前用过的编号：旧网址会自动转到本页",
        "withdrawn": "撤回：date 日期，reason 原因；页面保留并注明撤回",
        "number": "原文中的问题编号",
        "kind": "问题类型：督察反馈问题、巡察反馈问题、交办信访件、警示片披露问题、典型案例、其他",
        "title": "问题标题",
        "section": "所属的反馈问题（原文中的上级标题）",
        "region": "地区",
        "category": "类别：水、大气、土壤、生态、噪声、其他（可多项）",
        "problem": "问题原文（Markdown）",
        "target": "整改目标（Markdown）",
        "deadline": "整改时限，按原文，如“2017年3月底”“立行立改、长期坚持”",
        "deadline_due": "整改时限中的最晚日期（无具体日期时为空）",
        "measures": "整改措施，按原文顺序；lead 为该条措施的牵头单位",
        "responsible_units": "责任单位",
        "leader": "责任领导",
        "status": "工作人员记录的状态：未公布、整改中、已完成、已销号、反弹",
        "status_display": "网站显示的状态：在记录状态基础上，按公示时间和生成日期显示即将公示、公示中、公示期满",
        "overdue": "是否已逾期（整改时限已过，且未完成、未销号、未撤回；进展未公布的也算）",
        "progress": "整改进展，每项有日期（原文未注明时为空）、内容和出处",
        "signoff": "整改销号公示",
        "notice": "整改销号公示（含按国务院节假日安排核对的实际工作日数）",
        "documents": "相关文件",
        "from_documents": ("依据文件：本记录取自所属督察来源的哪些文件"
                           "（填 documents 中各文件的 id；不填则为该来源的全部文件）"),
        "attachments": "原始文件（放在 data/attachments/ 下；公开数据中含网址、类型、大小和 SHA-256）",
        "note": "说明",
    },
    "notice": {
        "title": "公示标题",
        "date": "落款日期",
        "office": "发布机关编号",
        "office_name": "发布机关名称",
        "start": "公示开始日期",
        "end": "公示结束日期",
        "working_days_published": "公示原文所写的工作日数",
        "working_days_actual": "按国务院节假日安排计算的实际工作日数",
        "state": "公示状态：即将公示、公示中、公示期满",
        "objection_phones": "异议电话",
        "objection_emails": "异议邮箱",
        "file": "附件在 data/attachments/ 下的路径",
        "type": "文件类型",
        "size": "文件大小（字节）",
        "sha256": "SHA-256 校验值",
    },
    "petitions": {
        "source": "督察来源编号",
        "source_name": "督察来源名称",
        "batch": "交办批次",
        "region": "地区",
        "pollution": "污染类型：大气、水、噪声、生态、土壤、其他",
        "important": "是否为重点（重要）信访件",
        "channel": "来源方式：来电、来信、来访、网络",
        "summary": "反映问题",
        "finding": "核查结论：属实、部分属实、不属实",
        "finding_text": "调查核实情况",
        "handling": "办理情况",
        "handling_units": "办理单位",
        "status": "办理状态：办理中、已办结",
        "reported": "信息日期",
        "document": "出处",
        "from_documents": "依据文件：所属督察来源 documents 中文件的 id（不填则为该来源的全部文件）",
    },
    "units": {
        "name": "单位名称",
        "region": "地区",
        "collective": "是否为原文中合称的多个单位（如“各设区市政府”）",
        "parent": "上级单位编号",
        "description": "说明",
        "phones": "电话（number 号码，label 用途，如监督电话；area_code 区号：原文的固定电话没写区号时填写）",
        "emails": "电子邮箱",
        "address": "通信地址",
        "postcode": "邮政编码",
        "hours": "办公时间",
    },
    "sources": {
        "name": "名称",
        "level": "层级：中央、省、市、县",
        "type": "类型：督察、督察回头看、专项督察、巡察、警示片、其他",
        "group": "督察组",
        "region": "督察对象或地区",
        "stationing": "进驻时间（start 开始，end 结束）",
        "stationing_text": "进驻时间原文（日期不全时）",
        "feedback_date": "反馈日期",
        "feedback_text": "反馈情况原文（日期不全时）",
        "scope": "范围",
        "summary": "概况",
        "documents": ("相关文件（title 标题，number 文号，issuer 发布机构，date 成文日期，url 原文网址，"
                      "id 供问题和信访件的 from_documents 引用的简称）"),
        "attachments": "原始文件（file 为 data/attachments/ 下的路径，title 为文件名称）",
        "min_window_days": "本来源的整改销号公示最少工作日数",
        "petition_summary": "工作简报公布的信访件统计，按原文",
    },
    "duties": {
        "title": "名称",
        "text": "报送要求原文，如“每月25日前”",
        "day_of_month": "每月报送日",
        "if_not_workday": ("报送日不是工作日时：提前（到前一个工作日）、顺延（到下一个工作日）或不调整；"
                           "依据文件未作规定时不调整（默认）"),
        "office": "接收单位编号",
        "who": "报送单位",
        "start": "开始日期",
        "end": "结束日期（依据文件或后续文件规定的截止日期、有效期）",
        "document": "依据文件",
    },
}


# Fields of the nested models, keyed by model name: the same field name means different things in
# different models (a notice's title is not the issue's, a progress entry's date is not a notice's).
MODELS: dict[str, dict[str, str]] = {
    "Phone": {
        "number": "电话号码，按原文",
        "label": "电话用途，如监督电话、举报电话",
        "area_code": "区号：原文的固定电话没写区号时填写，如 0797",
    },
    "Document": {
        "id": "简称：供问题和信访件的 from_documents 引用，在同一督察来源内唯一",
        "title": "文件标题",
        "number": "文号，如 信长江办字〔2021〕2号",
        "issuer": "发布机构",
        "date": "成文日期",
        "url": "原文网址（http 或 https）",
    },
    "Attachment": {
        "file": "原始文件在 data/attachments/ 下的路径",
        "title": "原始文件的名称",
    },
    "Period": {
        "start": "开始日期",
        "end": "结束日期",
    },
    "PetitionSummary": {
        "as_of": "交办情况截止日期",
        "batches": "交办批次数",
        "total": "交办信访件总数",
        "by_region": "按县区的交办件数",
        "by_pollution": "按污染类型的交办件数（一件可有多种类型，合计可大于总数）",
        "important": "重要件数",
        "important_by_region": "按县区的重要件数",
        "by_channel": "按来源方式（来电、来信等）的交办件数",
        "handling_as_of": "办理情况截止日期",
        "in_progress": "办理中件数",
        "handled": "已办结件数",
        "handled_by_region": "按县区的已办结件数",
        "document": "统计的出处（简报名称）",
    },
    "Measure": {
        "text": "整改措施原文（Markdown）",
        "lead": "该条措施的牵头单位编号",
    },
    "ProgressEntry": {
        "date": "进展日期（原文未注明时不写）",
        "text": "进展内容（Markdown）",
        "document": "进展的出处（如哪一期整改情况报告）",
    },
    "Window": {
        "start": "公示开始日期",
        "end": "公示结束日期",
        "working_days": "公示原文所写的工作日数（如“共10个工作日”）",
    },
    "Signoff": {
        "title": "公示标题",
        "date": "公示落款日期",
        "number": "公示文号",
        "office": "发布公示的单位编号",
        "contact": "接受异议的单位编号（不写则为发布单位）",
        "intro": "公示开头的说明（如“根据……现公示如下”）",
        "window": "公示时间：start 开始，end 结束，working_days 原文所写的工作日数",
        "implementation": "整改落实情况，按原文逐条",
        "conclusion": "公示结论，如“符合办结销号要求”",
    },
    "Withdrawal": {
        "date": "撤回日期",
        "reason": "撤回原因（Markdown）",
    },
}


def describe_field(model: str, name: str) -> str | None:
    """A nested model's field, or None when the model is not described by its own name."""
    fields = MODELS.get(model)
    return None if fields is None else fields.get(name, "")


def describe(kind: str, name: str) -> str:
    return FIELDS.get(kind, {}).get(name) or COMMON.get(name, "")
