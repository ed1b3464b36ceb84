"""The 2025 reorganisation seen from tasks: holders, body filters and statistics per body."""
from __future__ import annotations

from datetime import date

from chidao.registry import load
from chidao.store.tasks import TaskQuery, iter_tasks
from chidao.tracking.listing import Listing, run
from chidao.tracking.service import Tracker
from chidao.tracking.stats import body_stats
from chidao.tracking.succession import held_by, holder_label, holders
from chidao.tracking.views import holder_groups, timeliness_of

SKHDT = "lang-son/so-ke-hoach-va-dau-tu"
STC = "lang-son/so-tai-chinh"


def test_holders_follow_the_merger_dates():
    registry = load()
    assert [b.id for b in holders(registry, SKHDT, date(2025, 2, 28))] == [SKHDT]
    assert [b.id for b in holders(registry, SKHDT, date(2025, 3, 1))] == [STC]
    assert holder_label(registry, SKHDT, date(2026, 1, 1)) == "Sở Tài chính"
    assert holder_label(registry, STC, date(2026, 1, 1)) is None
    assert {SKHDT, STC} <= held_by(registry, STC, date(2026, 1, 1))
    assert SKHDT not in held_by(registry, STC, date(2024, 1, 1))


def _lines(store, registry, **kw):
    lines, _ = run(store, registry, Listing(**kw))
    return list(lines)


def test_a_2021_task_of_skhdt_lies_with_so_tai_chinh_in_2026(store, ingest, seeds):
    ingest(seeds / "004_955f702bdc8217d3.txt", accept=True)
    registry = load()
    before = _lines(store, registry, as_of=date(2024, 6, 1), body="Sở Tài chính")
    after = _lines(store, registry, as_of=date(2026, 1, 1), body="Sở Tài chính")
    assert before == []
    assert after and all(line.assignees[0][1] == SKHDT for line in after)
    assert len(after) == len(_lines(store, registry, as_of=date(2024, 6, 1), body="Sở Kế hoạch và Đầu tư"))
    groups = holder_groups(after[0], registry, date(2026, 1, 1))
    assert groups == [(STC, "Sở Tài chính")]


def test_stats_group_per_body_as_of_a_day(store, ingest, seeds):
    [doc] = ingest(seeds / "004_955f702bdc8217d3.txt", accept=True)
    registry = load()
    tracker = Tracker(store, actor="t")
    with store.read() as s:
        lines = list(iter_tasks(s, TaskQuery(document_id=doc.document_id)))
    dated = [x for x in lines if x.due_date and x.assignees[0][1] == SKHDT]
    tracker.done(dated[0].id, dated[0].due_date)  # on time
    tracker.done(dated[1].id, date(2021, 9, 30))  # late

    def table(as_of):
        with store.read() as s:
            rows = body_stats(iter_tasks(s, TaskQuery(statuses=("open", "in_progress", "done"))), as_of,
                              timeliness_of, lambda line, d: holder_groups(line, registry, d))
        return {r.body: r.as_dict() for r in rows}

    old = table(date(2021, 8, 20))
    assert "Sở Kế hoạch và Đầu tư" in old and "Sở Tài chính" not in old
    skhdt = old["Sở Kế hoạch và Đầu tư"]
    assert skhdt["done_on_time"] == 1  # the late one was still running on 20/8
    assert skhdt["total"] == sum(1 for x in lines if x.assignees[0][1] == SKHDT)
    new = table(date(2026, 1, 1))
    assert "Sở Kế hoạch và Đầu tư" not in new
    stc = new["Sở Tài chính"]
    assert (stc["done_on_time"], stc["done_late"]) == (1, 1)
    assert stc["total"] == skhdt["total"]
    assert new["Sở Dân tộc và Tôn giáo"]["total"] == old["Ban Dân tộc tỉnh"]["total"]
