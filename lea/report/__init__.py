"""The results report: static HTML (and PDF) per municipality and language, made from the
publication alone (``lea report``)."""

from lea.report.model import load_publication
from lea.report.render import RenderOptions, build_report, render_page

__all__ = ["RenderOptions", "build_report", "load_publication", "render_page"]
