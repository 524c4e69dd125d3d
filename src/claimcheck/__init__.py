"""claimcheck: extract checkable claims from news articles and flag contradictions."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
