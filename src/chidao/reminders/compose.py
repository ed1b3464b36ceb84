"""The text of a reminder, in Vietnamese: subject and a plain-text body."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from chidao.reminders.select import Batch, Item


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


def _vn(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def citation(item: Item) -> str:
    line = item.line
    kind = line.doc_type or "Văn bản"
    number = f" số {line.doc_number}" if line.doc_number else ""
    date = f" ngày {_vn(line.doc_date)}" if line.doc_date else ""
    return f"{kind}{number}{date}"


def _entry(n: int, item: Item) -> str:
    line = item.line
    due = f"Hạn: {_vn(line.due_date)}"
    if item.overdue:
        due += f" — quá hạn {item.days_late} ngày"
    return f"{n}. [#{line.id}] {citation(item)}\n   Nội dung: {line.action}\n   {due}"


def compose(batch: Batch, as_of: dt.date, within: int) -> Message:
    parts = []
    if batch.overdue:
        parts.append(f"{len(batch.overdue)} nhiệm vụ quá hạn")
    if batch.due_soon:
        parts.append(f"{len(batch.due_soon)} nhiệm vụ sắp đến hạn")
    subject = f"Đôn đốc thực hiện nhiệm vụ: {', '.join(parts)} ({batch.label}, ngày {_vn(as_of)})"
    lines = [f"Kính gửi: {batch.label}", "",
             f"Tính đến ngày {_vn(as_of)}, theo dõi việc thực hiện nhiệm vụ được UBND tỉnh giao, "
             f"đề nghị {batch.label} khẩn trương thực hiện các nhiệm vụ sau:"]
    n = 0
    if batch.overdue:
        lines += ["", f"I. NHIỆM VỤ QUÁ HẠN ({len(batch.overdue)})", ""]
        for item in batch.overdue:
            n += 1
            lines.append(_entry(n, item))
    if batch.due_soon:
        lines += ["", f"II. NHIỆM VỤ SẮP ĐẾN HẠN TRONG {within} NGÀY TỚI ({len(batch.due_soon)})", ""]
        for item in batch.due_soon:
            n += 1
            lines.append(_entry(n, item))
    lines += ["", "Đề nghị báo cáo kết quả thực hiện hoặc đề xuất gia hạn (nếu có) trước thời hạn.",
              "", "Thư này được gửi tự động từ hệ thống theo dõi nhiệm vụ (chidao); vui lòng không trả lời."]
    return Message(subject, "\n".join(lines) + "\n")
