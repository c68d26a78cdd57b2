"""Logging for ``skillgraph serve``: uvicorn's and the application's records, as text or (with
``SKILLGRAPH_LOG_FORMAT=json``) one JSON object a line, each with the request id."""

from __future__ import annotations

import copy
import logging
from typing import Any

from uvicorn.config import LOGGING_CONFIG

from skillgraph.observability.requests import current
from skillgraph.settings import LogFormat

__all__ = ["AccessFields", "RequestIdFilter", "log_config"]


class RequestIdFilter(logging.Filter):
    """Adds ``request_id``, the id of the request the record was logged in (or None), and
    ``request``, the same as " (request ID)" or "" for text lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        stats = current()
        record.request_id = stats.request_id if stats is not None else None
        record.request = f" (request {stats.request_id})" if stats is not None else ""
        return True


class AccessFields(logging.Filter):
    """Turns uvicorn's access record into fields (client, method, path, status). The path is
    logged without its query string, which can carry GraphQL variables."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5:
            client, method, full_path, _version, status = args
            path = str(full_path).split("?", 1)[0]
            record.client = client
            record.method = method
            record.path = path
            record.status = status
            record.msg = "%s %s %s"
            record.args = (method, path, status)
        return True


_JSON = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(levelname)s %(name)s %(message)s",
    "rename_fields": {"levelname": "level", "name": "logger"},
    "timestamp": "time",
}


def log_config(log_format: LogFormat) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for uvicorn and the ``skillgraph`` loggers."""
    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    request_id = {"()": f"{__name__}.RequestIdFilter"}
    config["filters"] = {"request_id": request_id, "access": {"()": f"{__name__}.AccessFields"}}
    if log_format is LogFormat.JSON:
        config["formatters"] = {"json": _JSON}
        for handler in config["handlers"].values():
            handler["formatter"] = "json"
        config["handlers"]["default"]["filters"] = ["request_id"]
        config["handlers"]["access"]["filters"] = ["request_id", "access"]
        config["root"] = {"handlers": ["default"], "level": "INFO"}
        config["loggers"]["skillgraph"] = {"level": "INFO"}
        return config
    config["formatters"]["app"] = {
        "()": "uvicorn.logging.DefaultFormatter",
        "fmt": "%(levelprefix)s %(message)s%(request)s",
    }
    config["handlers"]["app"] = {
        "formatter": "app",
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stderr",
        "filters": ["request_id"],
    }
    config["loggers"]["skillgraph"] = {"handlers": ["app"], "level": "INFO", "propagate": False}
    return config
