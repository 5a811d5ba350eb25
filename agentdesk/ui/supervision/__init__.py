"""Qt widgets of the supervision view (no aiohttp here: the models come from
``agentdesk.supervision``, built by the app)."""

from .charts import BarChart, ChartData, Series
from .figures_panel import FiguresPanel
from .live_panel import LivePanel
from .view import SupervisionView

__all__ = ["BarChart", "ChartData", "FiguresPanel", "LivePanel", "Series", "SupervisionView"]
