import logging


class OneLineFormatter(logging.Formatter):
    """The message on one line, without a traceback (for routine probes: a bad Host)."""

    def format(self, record: logging.LogRecord) -> str:
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        path = getattr(getattr(record, "request", None), "path", "")
        message = " ".join(record.getMessage().split())
        return f"{record.levelname} {record.name}: {message}" + (f" (path {path})"
                                                                if path else "")
