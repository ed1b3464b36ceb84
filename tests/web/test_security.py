"""Inputs no field can hold are refused before they reach the store."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("url", ["/api/v1/tasks?body=a%00b", "/api/v1/search?q=gi%00ai", "/tasks?q=%00"])
def test_a_nul_character_in_the_address_is_a_clear_400(web, api, notice, url):
    response = api("clerk").get(url)
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
    assert api("clerk").get(url.replace("%00", "")).status_code == 200
