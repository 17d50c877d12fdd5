"""The deployment files: compose, Dockerfile, systemd unit, .env.example and the proxies.

Docker images cannot be pulled here, so the files are checked as data: the compose file as
YAML, the Dockerfile instruction by instruction, the unit as key/value sections.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from chatbot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SECRET_WORDS = ("TOKEN", "SECRET", "PASSWORD", "SMTP_URL")
PUBLIC_PATHS = {"/telegram/webhook", "/zoom/webhook", "/calendar/"}


def _compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    return data


def _instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions, continuation lines joined, comments dropped."""
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    joined = re.sub(r"\\\n", " ", "\n".join(
        line for line in text.splitlines() if not line.lstrip().startswith("#")
    ))  # fmt: skip
    result = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, rest = line.strip().partition(" ")
            result.append((keyword.upper(), " ".join(rest.split())))
    return result


def _unit() -> dict[str, dict[str, list[str]]]:
    """The systemd unit as sections of keys, each with every value given."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    for raw in (DEPLOY / "councilbot.service").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key, []).append(value)
    return sections


def _env_example() -> dict[str, str]:
    """Every ``NAME=value`` of .env.example, commented out or not."""
    names: dict[str, str] = {}
    for raw in (DEPLOY / ".env.example").read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"#?\s*([A-Z][A-Z0-9_]*)=(.*)", raw.strip())
        if match:
            names[match[1]] = match[2]
    return names


# compose.yaml ---------------------------------------------------------------------------


def test_when_compose_is_read_then_it_has_the_database_the_migration_and_the_bot() -> None:
    assert set(_compose()["services"]) == {"db", "migrate", "bot"}


def test_when_compose_runs_postgresql_then_its_data_is_in_a_named_volume() -> None:
    compose = _compose()
    db = compose["services"]["db"]
    assert db["image"].startswith("postgres:")
    volume = db["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]


def test_when_postgresql_starts_then_pg_isready_is_its_health_check() -> None:
    check = _compose()["services"]["db"]["healthcheck"]
    assert "pg_isready" in " ".join(check["test"])
    assert check["retries"] >= 1


def test_when_the_bot_starts_then_the_database_is_healthy_and_migrated_first() -> None:
    services = _compose()["services"]
    assert services["bot"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }
    assert services["migrate"]["depends_on"]["db"] == {"condition": "service_healthy"}
    assert services["migrate"]["command"] == ["councilbot", "db", "upgrade"]
    assert services["bot"]["command"] == ["councilbot", "run"]


def test_when_the_bot_is_published_then_only_on_the_hosts_loopback() -> None:
    ports = _compose()["services"]["bot"]["ports"]
    assert all(str(port).startswith("127.0.0.1:") for port in ports)


def test_when_compose_names_the_database_then_it_is_postgresql_with_psycopg() -> None:
    for name in ("bot", "migrate"):
        service = _compose()["services"][name]
        assert service["environment"]["DATABASE_URL"].startswith("postgresql+psycopg://")
        assert any(v.split(":")[1] == "/data" for v in service["volumes"])
        assert service["build"]["dockerfile"] == "deploy/Dockerfile"


# Dockerfile -----------------------------------------------------------------------------


def test_when_the_image_is_built_then_it_is_slim_python_3_11() -> None:
    (base,) = [rest for keyword, rest in _instructions() if keyword == "FROM"]
    assert re.fullmatch(r"python:3\.11-slim(-\w+)?", base)


def test_when_the_image_runs_then_not_as_root() -> None:
    users = [rest for keyword, rest in _instructions() if keyword == "USER"]
    assert users
    assert users[-1] not in {"root", "0"}


def test_when_the_image_installs_councilbot_then_as_a_package_without_dev_tools() -> None:
    runs = " ".join(rest for keyword, rest in _instructions() if keyword == "RUN")
    assert "pip install ." in runs
    assert "[test]" not in runs
    assert "-e " not in runs
    assert "curl" not in " ".join(rest for _keyword, rest in _instructions())


def test_when_the_image_copies_files_then_each_exists_in_the_build_context() -> None:
    for keyword, rest in _instructions():
        if keyword == "COPY":
            *sources, _target = shlex.split(rest)
            for source in sources:
                assert (ROOT / source).exists(), source


def test_when_the_container_is_checked_then_python_asks_healthz() -> None:
    (check,) = [rest for keyword, rest in _instructions() if keyword == "HEALTHCHECK"]
    assert "CMD" in check
    assert '"python"' in check
    assert "healthz" in (DEPLOY / "healthcheck.py").read_text(encoding="utf-8")


def test_when_the_container_starts_then_it_runs_the_bot_with_data_in_a_volume() -> None:
    instructions = dict(_instructions())
    assert instructions["CMD"] == '["councilbot", "run"]'
    assert instructions["VOLUME"] == '["/data"]'
    assert "/data" in instructions["ENV"]


# systemd --------------------------------------------------------------------------------


def test_when_systemd_runs_the_bot_then_as_its_own_user_restarted_on_failure() -> None:
    service = _unit()["Service"]
    assert service["User"] == ["councilbot"]
    assert service["Restart"] == ["on-failure"]
    assert service["ExecStart"][0].endswith("councilbot run")
    assert service["EnvironmentFile"][0].startswith("/etc/")
    assert service["WorkingDirectory"][0] in service["ReadWritePaths"][0].split()


def test_when_systemd_runs_the_bot_then_it_is_hardened() -> None:
    service = _unit()["Service"]
    assert service["NoNewPrivileges"] == ["yes"]
    assert service["ProtectSystem"] == ["strict"]
    assert service["ProtectHome"] == ["yes"]
    assert service["PrivateTmp"] == ["yes"]


def test_when_the_unit_is_installed_then_it_starts_at_boot() -> None:
    assert _unit()["Install"]["WantedBy"] == ["multi-user.target"]


# .env.example ---------------------------------------------------------------------------


def test_when_env_example_is_read_then_it_names_every_setting() -> None:
    expected = {name.upper() for name in Settings.model_fields}
    assert expected <= set(_env_example())


@pytest.mark.parametrize("name", sorted(n.upper() for n in Settings.model_fields))
def test_when_a_setting_is_listed_then_the_readme_documents_it(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert name in readme or name.startswith("ZOOM_")  # the ZOOM_* row covers those


def test_when_env_example_is_read_then_no_secret_has_a_value() -> None:
    for name, value in _env_example().items():
        if any(word in name for word in SECRET_WORDS):
            assert value == "", name


# reverse proxies ------------------------------------------------------------------------


def test_when_caddy_proxies_then_only_the_webhooks_and_calendars_are_passed_on() -> None:
    text = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
    # Each public path has its own matcher (with its own body limit); only their handlers proxy.
    matchers = dict(
        re.findall(r"@(\w+) \{[^}]*?^\s*path (\S+)\s*$", text, re.DOTALL | re.MULTILINE)
    )
    proxied = {
        matchers[name].rstrip("*")
        for name, body in re.findall(r"handle @(\w+) \{(.*?)\n\t\}", text, re.DOTALL)
        if "reverse_proxy" in body
    }
    assert proxied == PUBLIC_PATHS
    assert text.count("reverse_proxy") == len(PUBLIC_PATHS)
    assert re.search(r"handle \{\s*respond 404\s*\}", text)


def test_when_nginx_proxies_then_only_the_webhooks_and_calendars_are_passed_on() -> None:
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    proxied = re.findall(r"location (?:=|\^~) (\S+)\s*\{[^}]*proxy_pass", text)
    assert set(proxied) == PUBLIC_PATHS
    assert text.count("proxy_pass") == len(PUBLIC_PATHS)
    assert "ssl_certificate" in text


@pytest.mark.parametrize("name", ["Caddyfile", "nginx.conf"])
def test_when_a_proxy_is_configured_then_health_and_metrics_stay_private(name: str) -> None:
    active = "\n".join(
        line
        for line in (DEPLOY / name).read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    )
    assert "/metrics" not in active
    assert "/healthz" not in active
