"""Where each body's reminders go.

An address book is a YAML file mapping a body — its registry id (``lang-son/so-tai-chinh``)
or its name as the registry or the tasks write it (``Sở Tài chính``) — to one address or a
list of addresses::

    lang-son/so-tai-chinh: vanthu@stc.langson.gov.vn
    Sở Y tế: [vanthu@syt.langson.gov.vn, bgd@syt.langson.gov.vn]

The file is ``--addresses FILE``, else ``$CHIDAO_REMINDER_ADDRESSES``, else
``<data dir>/dia-chi-email.yaml`` when it exists; ``--to NAME=ADDR`` adds to it.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import yaml

from chidao.registry import Registry
from chidao.reminders.select import Batch
from chidao.tracking.errors import BadInput
from chidao.tracking.prepare import default_province

ENV_ADDRESSES = "CHIDAO_REMINDER_ADDRESSES"
DEFAULT_FILE = "dia-chi-email.yaml"


class AddressBook:
    """Addresses by body key (registry id, or ``name:<lower-case name>``)."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.by_key: dict[str, list[str]] = {}

    def add(self, name: str, addresses: str | Iterable[str]) -> None:
        if isinstance(addresses, str):
            addresses = [a for a in addresses.replace(";", ",").split(",")]
        found = [a.strip() for a in addresses if a and a.strip()]
        bad = [a for a in found if "@" not in a or " " in a]
        if not found or bad:
            raise BadInput(f"Địa chỉ thư điện tử không hợp lệ cho “{name}”: {', '.join(bad) or '(trống)'}.")
        key = self._key(name)
        self.by_key[key] = list(dict.fromkeys(self.by_key.get(key, []) + found))

    def _key(self, name: str) -> str:
        name = " ".join(str(name).split())
        try:
            return self.registry.body(name).id
        except KeyError:
            pass
        body = self.registry.find_body(name, province=default_province())
        return body.id if body is not None else "name:" + name.lower()

    def recipients(self, batch: Batch) -> list[str]:
        """The addresses of a batch: of its key, else of every body it joins (a body whose
        work is split among several reaches each of them); [] when one is unknown."""
        if batch.key in self.by_key:
            return self.by_key[batch.key]
        ids = batch.body_ids
        if ids and all(i in self.by_key for i in ids):
            return list(dict.fromkeys(a for i in ids for a in self.by_key[i]))
        return []


def load_book(registry: Registry, path: Path | None, pairs: Iterable[str], data_dir: Path | None) -> AddressBook:
    book = AddressBook(registry)
    if path is None and os.environ.get(ENV_ADDRESSES):
        path = Path(os.environ[ENV_ADDRESSES])
    if path is None and data_dir is not None and (data_dir / DEFAULT_FILE).is_file():
        path = data_dir / DEFAULT_FILE
    if path is not None:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except OSError as e:
            raise BadInput(f"Không đọc được sổ địa chỉ {path}: {e.strerror or e}") from None
        except yaml.YAMLError as e:
            raise BadInput(f"Sổ địa chỉ {path} không phải YAML hợp lệ: {e}") from None
        if not isinstance(data, dict):
            raise BadInput(f"Sổ địa chỉ {path} phải là một bảng “cơ quan: địa chỉ”.")
        for name, addresses in data.items():
            book.add(str(name), addresses if isinstance(addresses, (str, list)) else str(addresses))
    for pair in pairs:
        name, sep, addr = pair.rpartition("=")
        if not sep or not name.strip():
            raise BadInput(f"--to phải có dạng TÊN=ĐỊA_CHỈ (nhận: “{pair}”).")
        book.add(name, addr)
    return book
