"""Re-reading changed record files into a copy of a loaded dataset (the staff preview)."""

from __future__ import annotations

from gongshi.data.dataset import load_dataset
from gongshi.data.reload import copied, reload_files

ISSUE = "issues/zydc2-hunan-2021/yylq-2021-01.yml"


def test_changed_new_deleted_and_bad_files(sample_copy):
    base = sample_copy.parent
    dataset, _ = load_dataset(sample_copy, base)
    path = sample_copy / ISSUE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: 2021年", "title: 改过的2021年"), encoding="utf-8")
    new = path.with_name("yylq-2021-09.yml")
    new.write_text(text, encoding="utf-8")
    gone = sample_copy / "petitions" / "D1YZ202000122.yml"
    gone.unlink()
    updated = copied(dataset)
    report = reload_files(updated, [path, new, gone], base)
    assert report is not None and report.ok
    assert updated.issues["yylq-2021-01"].title.startswith("改过的")
    assert "yylq-2021-09" in updated.issues and "D1YZ202000122" not in updated.petitions
    # the loaded dataset itself is untouched: the preview keeps it when the new data has errors
    assert dataset.issues["yylq-2021-01"].title.startswith("2021年") and "yylq-2021-09" not in dataset.issues
    path.write_text(text.replace("status: 已完成", "status: 做完了"), encoding="utf-8")
    report = reload_files(copied(dataset), [path], base)
    assert report is not None
    [error] = report.errors
    wanted = "status: “做完了”不是可选值，应为以下之一：未公布, 整改中, 已完成, 已销号, 反弹"
    assert error.text() == f"data/{ISSUE}:7: {wanted}"


def test_settings_and_holidays_need_a_full_load(sample_copy):
    dataset, _ = load_dataset(sample_copy, sample_copy.parent)
    assert reload_files(copied(dataset), [sample_copy / "settings.yml"], sample_copy.parent) is None
    assert reload_files(copied(dataset), [sample_copy / "holidays" / "2027.yml"], sample_copy.parent) is None
