"""The staff guide's reporting-duty example is real: it passes the validator's schema, with the defaults it
describes (no rule for a non-working day: 不调整)."""

from test_docs import block_with

from gongshi.model.records import Duty


def test_guide_duty_example_validates():
    duty = Duty.model_validate({**block_with("title: 长江经济带"), "id": "example"})
    assert duty.if_not_workday == "不调整" and duty.end is None and duty.day_of_month == 25
